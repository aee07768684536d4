import keras


class Normalize(keras.layers.Layer):
    def call(self, inputs):
        peak = inputs.numpy().max()  # [tensor-numpy-in-graph]
        return inputs / peak


if __name__ == "__main__":
    from _evidence import symptom

    try:
        keras.Sequential([keras.Input((4,)), Normalize()])  # building the model runs call symbolically
    except AttributeError as error:
        assert "numpy" in str(error), error
        symptom(f"building the model raised AttributeError: {str(error).splitlines()[-1][:80]}")
    else:
        raise AssertionError("expected .numpy() in Layer.call to fail while the model is built")
