import tensorflow as tf

from tfdiffeq.fixed_grid import RK4, Euler, Midpoint

SOLVERS = {
    'euler': Euler,
    'midpoint': Midpoint,
    'rk4': RK4,
}


class _TupleFunc(object):
    # the solvers work on tuples of states; a single tensor state is wrapped and unwrapped
    def __init__(self, base_func):
        self.base_func = base_func

    def __call__(self, t, y):
        return (self.base_func(t, y[0]),)


def odeint(func, y0, t, method='rk4', options=None):
    tensor_input = False
    if tf.is_tensor(y0):
        tensor_input = True
        y0 = (y0,)
        func = _TupleFunc(func)
    solver = SOLVERS[method](func, y0, **(options or {}))
    solution = solver.integrate(t)
    if tensor_input:
        solution = solution[0]
    return solution
