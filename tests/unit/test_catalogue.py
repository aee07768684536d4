"""The API tables the checkers read from the catalogue (one place for API facts)."""

from pylint_hybridize.model import catalogue


def test_numpy_tables_are_consistent():
    assert catalogue.NUMPY_NAME_SWAP_SAFE <= set(catalogue.NUMPY_TO_TF)
    assert catalogue.NUMPY_TO_TF["mean"] == "reduce_mean" and "axis" in catalogue.NUMPY_SAME_KEYWORDS
    assert set(catalogue.ASSERT_AGAINST_ZERO) <= set(catalogue.ASSERT_BINARY)
    assert "ZeroDivisionError" in catalogue.RUNTIME_ERROR_BUILTINS
    assert "numpy.random.rand".startswith(catalogue.NUMPY_WITHOUT_TENSOR_INPUT)
    assert not "numpy.mean".startswith(catalogue.NUMPY_WITHOUT_TENSOR_INPUT)


def test_tf_function_option_tables():
    assert catalogue.DEPRECATED_TF_FUNCTION_ARGUMENTS["experimental_relax_shapes"] == "reduce_retracing"
    assert catalogue.DEPRECATED_TF_FUNCTION_ARGUMENTS["experimental_follow_type_hints"] is None
    assert "tensorflow.config.run_functions_eagerly" in catalogue.EAGER_SWITCHES
    assert {"jit_compile", "autograph"} <= catalogue.OPTIONS_THAT_MATTER_INLINE
    assert "reduce_retracing" not in catalogue.OPTIONS_THAT_MATTER_INLINE  # only the outer trace cache's


def test_variable_classes():
    assert "tensorflow.Variable" in catalogue.VARIABLE_CLASSES
    assert "Reshape" in catalogue.WEIGHTLESS_KERAS_LAYERS and "GlobalAvgPool3D" in catalogue.WEIGHTLESS_KERAS_LAYERS
    assert "Dense" not in catalogue.WEIGHTLESS_KERAS_LAYERS and "Dropout" not in catalogue.WEIGHTLESS_KERAS_LAYERS
