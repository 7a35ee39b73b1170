import scipy.special

sigmoid = scipy.special.expit
