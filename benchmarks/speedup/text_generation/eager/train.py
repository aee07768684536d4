"""Character-level text generation with a GRU: a custom training loop, then sampling one step at a time."""

import time

import tensorflow as tf

import speedup_clock as clock
from data import make_dataset, make_lookups, make_text
from model import CustomTraining
from one_step import OneStep

tf.keras.utils.set_random_seed(0)
clock.start()

BATCH_SIZE = 16
seq_length = 20
# Length of the vocabulary in StringLookup Layer, the embedding dimension, the number of RNN units
embedding_dim = 16
rnn_units = 64
EPOCHS = 2
n_batches = clock.steps(10)

text = make_text(n_words=n_batches * BATCH_SIZE * (seq_length + 1) // 5 + 200)
vocab, ids_from_chars, chars_from_ids = make_lookups(text)
dataset = make_dataset(text, ids_from_chars, seq_length, BATCH_SIZE).take(n_batches)

model = CustomTraining(
    vocab_size=len(ids_from_chars.get_vocabulary()),
    embedding_dim=embedding_dim,
    rnn_units=rnn_units)
model.compile(optimizer=tf.keras.optimizers.Adam(),
              loss=tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True))

mean = tf.keras.metrics.Mean()
losses = []
for epoch in range(EPOCHS):
    start = time.time()

    mean.reset_state()
    for (batch_n, (inp, target)) in enumerate(dataset):
        with clock.step():
            logs = model.train_step([inp, target])
            mean.update_state(logs['loss'])

        if batch_n % 4 == 0:
            template = f"Epoch {epoch+1} Batch {batch_n} Loss {logs['loss']:.4f}"
            print(template)

    print(f'Epoch {epoch+1} Loss: {mean.result().numpy():.4f}')
    print(f'Time taken for 1 epoch {time.time() - start:.2f} sec')
    losses.append(mean.result())

one_step_model = OneStep(model, chars_from_ids, ids_from_chars)

states = None
next_char = tf.constant(['ROMEO:'])
result = [next_char]

for n in range(clock.steps(30)):
    next_char, states = one_step_model.generate_one_step(next_char, states=states)
    result.append(next_char)

result = tf.strings.join(result)
generated = result[0].numpy().decode('utf-8')
print(generated)
clock.finish({
    "epoch_losses": losses,
    "generated_codes": [float(ord(c)) for c in generated],
    "final_state_sum": tf.reduce_sum(states),
})
