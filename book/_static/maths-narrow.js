// On a narrow screen (a phone), a displayed equation wider than the column scrolls
// sideways inside its box.  Its number then goes on the left, where it is always seen,
// instead of on the right, past the edge of the screen.  (Runs after Sphinx's MathJax
// settings and before MathJax itself, which is deferred: conf.py gives it priority 900.)
if (window.MathJax && window.innerWidth < 700) {
    window.MathJax.tex = Object.assign({}, window.MathJax.tex, {tagSide: "left"});
}
