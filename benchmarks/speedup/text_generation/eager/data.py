import numpy as np
import tensorflow as tf

WORDS = ("the king and queen of night speak soft words to a pale moon while the rivers run "
         "down to an old sea where ships wait for wind and morning light").split()


def make_text(n_words, seed=0):
    # stands in for the Shakespeare download: deterministic lines of words, a name before each
    rng = np.random.default_rng(seed)
    lines = []
    while sum(len(line.split()) for line in lines) < n_words:
        speaker = ("ROMEO:", "JULIET:", "NURSE:")[rng.integers(0, 3)]
        lines.append(speaker + "\n" + " ".join(rng.choice(WORDS, size=rng.integers(4, 10))) + ".\n")
    return "".join(lines)


def make_lookups(text):
    vocab = sorted(set(text))
    ids_from_chars = tf.keras.layers.StringLookup(vocabulary=list(vocab), mask_token=None)
    chars_from_ids = tf.keras.layers.StringLookup(vocabulary=ids_from_chars.get_vocabulary(), invert=True,
                                                  mask_token=None)
    return vocab, ids_from_chars, chars_from_ids


def split_input_target(sequence):
    input_text = sequence[:-1]
    target_text = sequence[1:]
    return input_text, target_text


def make_dataset(text, ids_from_chars, seq_length, batch_size, buffer_size=1000):
    all_ids = ids_from_chars(tf.strings.unicode_split(text, 'UTF-8'))
    ids_dataset = tf.data.Dataset.from_tensor_slices(all_ids)
    sequences = ids_dataset.batch(seq_length + 1, drop_remainder=True)
    dataset = sequences.map(split_input_target)
    return (dataset
            .shuffle(buffer_size, seed=0)
            .batch(batch_size, drop_remainder=True)
            .prefetch(tf.data.AUTOTUNE))
