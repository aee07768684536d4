import numpy as np


def exact_solution(x, t, nu):
    # a reference field for the error: the inviscid-limit shape damped by viscosity (not exact
    # for Burgers; the program reports the error against it only as a deterministic number)
    return -np.sin(np.pi * x) * np.exp(-nu * np.pi ** 2 * t)


def prep_data(N_u, N_f, nu, n_x=64, n_t=25, seed=1234):
    # stands in for reading burgers_shock.mat: the grid, the initial and boundary data, and
    # N_f collocation points drawn in the domain
    rng = np.random.default_rng(seed)
    x = np.linspace(-1.0, 1.0, n_x)[:, None]
    t = np.linspace(0.0, 1.0, n_t)[:, None]
    X, T = np.meshgrid(x, t)
    X_star = np.hstack((X.flatten()[:, None], T.flatten()[:, None]))
    u_star = exact_solution(X_star[:, 0:1], X_star[:, 1:2], nu)

    lb = X_star.min(0)
    ub = X_star.max(0)

    # initial condition u(x, 0) = -sin(pi x), boundaries u(-1, t) = u(1, t) = 0
    xx1 = np.hstack((x, np.zeros_like(x)))
    uu1 = -np.sin(np.pi * x)
    xx2 = np.hstack((-np.ones_like(t), t))
    xx3 = np.hstack((np.ones_like(t), t))
    X_u_train = np.vstack([xx1, xx2, xx3])
    u_train = np.vstack([uu1, np.zeros_like(t), np.zeros_like(t)])

    X_f = lb + (ub - lb) * rng.random((N_f, 2))
    X_f = np.vstack((X_f, X_u_train))

    idx = rng.choice(X_u_train.shape[0], N_u, replace=False)
    X_u_train = X_u_train[idx, :]
    u_train = u_train[idx, :]
    return x, t, X_star, u_star, X_u_train, u_train, X_f, ub, lb
