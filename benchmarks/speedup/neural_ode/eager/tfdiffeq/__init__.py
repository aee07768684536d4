from tfdiffeq.odeint import odeint  # noqa: F401
