BASE_RATE = 0.1


def make_schedule():
    return [BASE_RATE / (step + 1) for step in range(3)]


if __name__ == "__main__":
    from _evidence import ok

    schedule = make_schedule()
    assert schedule == [0.1, 0.05, 0.1 / 3], schedule
    ok("plain Python: no tracing, Python floats as written")
