import tensorflow as tf


@tf.function
def burgers_residual(u, u_x, u_xx, nu):
    flux = tf.math.multiply(u, u_x)
    diffusion = tf.math.multiply(tf.constant(nu, tf.float64), u_xx)
    residual = tf.math.subtract(flux, diffusion)
    squared = tf.math.square(residual)
    scaled = tf.math.divide(squared, tf.cast(tf.size(u), tf.float64))
    return tf.math.reduce_sum(tf.math.sqrt(tf.math.add(scaled, 1e-12)))


if __name__ == "__main__":
    from _evidence import ok

    x = tf.linspace(tf.constant(-1.0, tf.float64), 1.0, 64)
    u, u_x, u_xx = -tf.sin(3.0 * x), -3.0 * tf.cos(3.0 * x), 9.0 * tf.sin(3.0 * x)
    eager = float(burgers_residual.python_function(u, u_x, u_xx, 0.01))
    totals = [float(burgers_residual(u, u_x, u_xx, 0.01)) for _ in range(3)]
    assert all(abs(t - eager) <= 1e-12 * max(1.0, abs(eager)) for t in totals), (totals, eager)
    assert burgers_residual.experimental_get_tracing_count() == 1
    ok("@tf.function: the same residual, traced once, then one graph runs per call")
