from tf2lib.dataset import memory_data_batch_dataset  # noqa: F401
