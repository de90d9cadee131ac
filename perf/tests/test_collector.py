"""A lasting worker freezes what it holds once started and collects young objects less
often (perf/collector.py); a benchmark can put Python's settings back."""

import gc

from perf import collector


def test_settle_freezes_the_process_and_restore_undoes_it():
    try:
        collector.settle()
        frozen, threshold = gc.get_freeze_count(), gc.get_threshold()
    finally:
        collector.restore()

    assert frozen > 1000 and threshold[0] == collector.YOUNG_THRESHOLD
    assert gc.get_freeze_count() == 0 and gc.get_threshold() == (2000, 10, 10)
