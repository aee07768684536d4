import tensorflow as tf


def burgers_residual(u, u_x, u_xx, nu):  # [tf-function-opportunity]
    # a physics residual: a numerical kernel of TF ops, no model, no tape
    flux = tf.math.multiply(u, u_x)
    diffusion = tf.math.multiply(tf.constant(nu, tf.float64), u_xx)
    residual = tf.math.subtract(flux, diffusion)
    squared = tf.math.square(residual)
    scaled = tf.math.divide(squared, tf.cast(tf.size(u), tf.float64))
    return tf.math.reduce_sum(tf.math.sqrt(tf.math.add(scaled, 1e-12)))


if __name__ == "__main__":
    from _evidence import symptom

    x = tf.linspace(tf.constant(-1.0, tf.float64), 1.0, 64)
    u, u_x, u_xx = -tf.sin(3.0 * x), -3.0 * tf.cos(3.0 * x), 9.0 * tf.sin(3.0 * x)
    totals = []
    for _ in range(3):
        totals.append(float(burgers_residual(u, u_x, u_xx, 0.01)))
    assert len(set(totals)) == 1 and not hasattr(burgers_residual, "experimental_get_tracing_count")
    symptom("3 calls of an 11-op kernel, every op dispatched eagerly one by one: no graph was built")
