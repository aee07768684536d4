from tf2gan.loss import gradient_penalty, get_adversarial_losses_fn  # noqa: F401
