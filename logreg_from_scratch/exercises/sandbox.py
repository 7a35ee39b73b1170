"""Each student function graded in a process of its own, under a time limit.

A student's code is untrusted: it may exit, hang, crash, print megabytes,
change numpy's settings or patch the package the grader compares it with.
So the grader runs every piece of it (importing the file, grading one
function) in a child process: forked where the system can fork (Linux,
macOS), after numpy, SciPy, hypothesis and the package are loaded, so that a
child starts in milliseconds; started afresh where it cannot (Windows).
Whatever the child does ends with it.  The child may compute for
``time_limit`` seconds of processor time, and sleep (or wait for anything
but a processor) for as long again; a busy machine, which makes it wait
for a processor, does not count against it.  Where the system cannot tell
(no /proc, no processor-time limit: Windows), the limit is ``WAITING``
times ``time_limit`` of the clock.  The parent keeps the first few
kilobytes of what the child printed (and counts the rest), and turns the
way the child ended (an answer, an exit without one, a signal, a limit)
into a result.  The parent itself never runs student code, and a Ctrl-C
stops only the parent, which ends the child it is waiting for.
"""
import math
import multiprocessing
import os
import signal
import sys
import time
from dataclasses import dataclass
from multiprocessing.connection import wait

#: How much of what a child printed is kept, in bytes (the rest is counted).
KEPT = 4000
#: Where a child's sleeping cannot be told from its waiting for a processor, how many times
#: its limit it may take by the clock: a busy machine gives a correct function a small share
WAITING = 10
#: How often the parent looks at whether the child sleeps, in seconds
LOOK = 0.1
#: A child's address space, at most (where the system can limit it): a student's runaway
#: allocation fails there with a MemoryError, not on the whole machine.
MEMORY = 4 * 1024 ** 3


@dataclass
class Ended:
    """How a child ended: its answer (or None), and what it printed."""

    answer: object          # what the task returned, or None if it gave no answer
    why: str                # "" with an answer; else what happened, in the student's terms
    printed: bytes          # the first KEPT bytes of its output (stdout and stderr)
    printed_size: int       # how many bytes it printed in all
    seconds: float


def start_method():
    """"fork" where the system has it (a child starts at once), else "spawn"."""
    return "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"


def run(task, args, *, time_limit, method=None):
    """Run ``task(*args)`` in a child process; return how it ended (`Ended`).

    `task` must be a module-level function when the start method is
    "spawn".  The child's standard output and error go to a pipe the
    parent reads; the child ignores Ctrl-C (the parent's to handle).
    """
    context = multiprocessing.get_context(method or start_method())
    receive, send = context.Pipe(duplex=False)
    out_read, out_write = os.pipe()
    child = context.Process(target=_child, args=(task, args, send, out_write, time_limit),
                            daemon=True)
    start = time.monotonic()
    child.start()
    send.close()
    os.close(out_write)
    printed, size, answer, got_answer, why = bytearray(), 0, None, False, ""
    sources, ended_at = [receive, out_read, child.sentinel], None
    asleep, looked = 0.0, start
    try:
        while receive in sources or out_read in sources:
            now = time.monotonic()
            if ended_at is not None and now > ended_at + 1:  # a grandchild holds the pipe open
                break
            state = _state(child.pid) if ended_at is None else None
            if state in ("S", "D", "T", "t"):  # asleep, not waiting for a processor
                asleep += now - looked
            looked = now
            if asleep > time_limit:
                why = f"slept {time_limit:g} s without an answer"
                break
            if state is None and ended_at is None and now > start + WAITING * time_limit:
                why = f"gave no answer within {WAITING * time_limit:g} s"
                break
            ready = wait(sources, timeout=LOOK)
            if out_read in ready:
                chunk = os.read(out_read, 65536)
                if chunk:
                    size += len(chunk)
                    printed += chunk[:max(0, KEPT - len(printed))]
                else:
                    sources.remove(out_read)
            if receive in ready:
                try:
                    answer, got_answer = receive.recv(), True
                except (EOFError, OSError):  # it ended without sending
                    pass
                sources.remove(receive)
            if child.sentinel in ready:
                sources.remove(child.sentinel)
                ended_at = time.monotonic()
    finally:
        if child.is_alive():
            child.kill()
        child.join()
        receive.close()
        os.close(out_read)
    if not got_answer and not why:
        why = _how_it_ended(child.exitcode, time_limit)
    return Ended(answer if got_answer else None, "" if got_answer else why, bytes(printed),
                 size, time.monotonic() - start)


def _state(pid):
    """The letter /proc gives a process's state (R running or runnable, S sleeping, ...), or
    None where there is no /proc."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as stat:
            return stat.read().rsplit(b")", 1)[1].split()[0].decode()
    except (OSError, IndexError):
        return None


def _how_it_ended(code, time_limit):
    if code == -getattr(signal, "SIGXCPU", 0):
        return f"computed for {time_limit:g} s without an answer"
    if code is not None and code < 0:
        try:
            name = signal.Signals(-code).name
        except ValueError:
            name = f"signal {-code}"
        return f"was killed by {name}" + (" (out of memory?)" if name == "SIGKILL" else "")
    return f"ended its process (exit code {code}, os._exit?) without an answer"


def _child(task, args, send, out_write, time_limit):
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the grader's, not the student's
    nothing = os.open(os.devnull, os.O_RDONLY)  # input() ends at once instead of waiting
    os.dup2(nothing, 0)
    os.close(nothing)
    sys.stdin = open(0, encoding="utf-8", closefd=False)
    os.dup2(out_write, 1)
    os.dup2(out_write, 2)
    os.close(out_write)
    # print() goes to the pipe whatever sys.stdout was (a notebook's is its kernel's socket)
    sys.stdout = open(1, "w", buffering=1, encoding="utf-8", errors="replace", closefd=False)
    sys.stderr = open(2, "w", buffering=1, encoding="utf-8", errors="replace", closefd=False)
    _limit(time_limit)
    try:
        answer = task(*args)
    except BaseException as error:  # the grader's own failure: say so, do not hang the parent
        answer = GraderError(f"{type(error).__name__}: {error}")
    try:
        send.send(answer)
    except Exception:  # an answer that cannot be sent: the parent says "no answer"
        pass
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except Exception:
        pass
    os._exit(0)


def _limit(time_limit):
    """The child's processor time, in whole seconds (SIGXCPU ends it), and address space,
    where the system can limit them."""
    try:
        import resource
    except ImportError:  # Windows: the parent's limit on waiting is the only one
        return
    for which, most in ((resource.RLIMIT_CPU, max(1, math.ceil(time_limit))),
                        (resource.RLIMIT_AS, MEMORY)):
        soft, hard = resource.getrlimit(which)
        if soft == resource.RLIM_INFINITY or soft > most:  # lower it, never raise it
            try:
                resource.setrlimit(which, (most, hard))
            except (ValueError, OSError):  # above the hard limit: keep the system's
                pass


@dataclass
class GraderError:
    """The grader itself failed in a child (a bug of ours, not the student's)."""

    message: str
