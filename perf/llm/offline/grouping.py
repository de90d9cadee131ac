"""Points grouped into projects by the words they share."""

import collections
import heapq
import math

from .points import Point

# How alike groups must be to merge, tuned on perf/tests/journals with
# bench/offline_quality.py: purity and completeness stay at 0.93-0.97 and 0.82-0.91 for
# MERGE_AT 0.06-0.12 at CENTROID_AT 0.15; CENTROID_AT 0.2 splits projects (completeness
# 0.75-0.84), 0.1 lets them run together (purity 0.87 in Russian).
MERGE_AT = 0.09  # average similarity of their points' pairs
CENTROID_AT = 0.15  # cosine of their centroids, for groups of one subject in other words
JOIN_AT = 0.1  # cosine of a point left alone to the centroid of the group it joins
MOVE_BY = 0.0  # how much better another group must fit a point for it to move there
ALONE_WEIGHT = 0.6
VERB_WEIGHT = 0.3  # a verb's weight against a noun's of the same rarity
COMMON_AT = 25  # groups that share a word before it links no two of them (speed)
SMALL_AT = 4  # facts in a group small enough to join a bigger one it is like (a sub-project)


def group_points(points: list[Point], verbs: set) -> tuple[list[list[Point]], list[Point]]:
    """Groups of points by the words they share, and the points left alone. A word weighs
    its rarity, less for a verb ("провёл", "fixed" say little of the subject).
    Points of one goal or #tag start as one group, and two groups of different goals or
    tags never merge."""
    df = collections.Counter(word for point in points for word in set(point.tokens))
    total = len(points)
    weight = {
        word: math.log((total + 1) / n) * (VERB_WEIGHT if word in verbs else 1.0)
        for word, n in df.items()
    }
    vectors = []
    for point in points:
        # A word of one point links it to nothing, but it still says the point is about
        # more than the words it shares: it counts in the norm.
        norm = (
            math.sqrt(
                sum(
                    (weight[word] * (1.0 if df[word] >= 2 else ALONE_WEIGHT)) ** 2
                    for word in set(point.tokens)
                )
            )
            or 1.0
        )
        words = {word: weight[word] / norm for word in set(point.tokens) if df[word] >= 2}
        vectors.append(words)
    postings = collections.defaultdict(list)
    for n, vector in enumerate(vectors):
        for word, w in vector.items():
            postings[word].append((n, w))
    # Start: one group per goal or tag, one per set of words (points that differ only in
    # their figures: "CI time from 25 to 9 minutes", "… from 9 to 6 minutes"), one per
    # other point.
    group_of, anchors, members = {}, {}, {}
    by_key = {}
    for n, point in enumerate(points):
        key = ("anchor", point.anchor) if point.anchor else ("words", frozenset(point.tokens))
        if not point.tokens and not point.anchor:
            key = ("point", n)
        if key not in by_key:
            by_key[key] = len(members)
            members[by_key[key]] = []
            anchors[by_key[key]] = point.anchor
        group_of[n] = by_key[key]
        members[by_key[key]].append(n)
    # Sums of pairwise similarity between groups: the dot products of their vectors' sums.
    totals = collections.defaultdict(collections.Counter)
    for n, vector in enumerate(vectors):
        totals[group_of[n]].update(vector)
    by_word = collections.defaultdict(list)
    for group, vector in totals.items():
        for word, w in vector.items():
            by_word[word].append((group, w))
    sums = collections.defaultdict(lambda: collections.defaultdict(float))
    common = max(COMMON_AT, len(members) // 8)
    for posting in by_word.values():
        if len(posting) > common:
            continue  # a word of so many groups links everything: the centroids weigh it
        for i, (ga, wa) in enumerate(posting):
            for gb, wb in posting[i + 1 :]:
                sums[ga][gb] += wa * wb
                sums[gb][ga] += wa * wb
    stamp = dict.fromkeys(members, 0)
    heap = []

    def push(ga, gb):
        if anchors[ga] and anchors[gb]:
            return
        average = sums[ga][gb] / (len(members[ga]) * len(members[gb]))
        if average >= MERGE_AT:
            heapq.heappush(heap, (-average, ga, gb, stamp[ga], stamp[gb]))

    for ga, row in sums.items():
        for gb in row:
            if ga < gb:
                push(ga, gb)
    while heap:
        _, ga, gb, sa, sb = heapq.heappop(heap)
        if ga not in members or gb not in members or stamp[ga] != sa or stamp[gb] != sb:
            continue
        # gb joins ga
        members[ga].extend(members.pop(gb))
        anchors[ga] = anchors[ga] or anchors[gb]
        stamp[ga] += 1
        row_b = sums.pop(gb)
        for gc, value in row_b.items():
            if gc == ga:
                continue
            sums[ga][gc] += value
            sums[gc][ga] += value
            del sums[gc][gb]
        sums[ga].pop(gb, None)
        for gc in sums[ga]:
            push(min(ga, gc), max(ga, gc))
    # Groups of one subject written in different words: merge by their centroids, the
    # words they use most, while two are alike enough.
    centroids = {}
    for g, ns in members.items():
        centroid = collections.Counter()
        for n in ns:
            centroid.update(vectors[n])
        norm = math.sqrt(sum(w * w for w in centroid.values())) or 1.0
        centroids[g] = {word: w / norm for word, w in centroid.items()}
    big = [g for g, ns in members.items() if len(ns) > 1 or anchors[g]]
    alike = {}
    for i, ga in enumerate(big):
        for gb in big[i + 1 :]:
            if not (anchors[ga] and anchors[gb]):
                alike[(ga, gb)] = cosine(centroids[ga], centroids[gb])
    while alike:
        (ga, gb), similarity = max(alike.items(), key=lambda kv: (kv[1], -kv[0][0], -kv[0][1]))
        if similarity < CENTROID_AT:
            break
        merged = collections.Counter()
        for g in (ga, gb):
            for word, w in centroids[g].items():
                merged[word] += w * len(members[g])
        norm = math.sqrt(sum(w * w for w in merged.values())) or 1.0
        centroids[ga] = {word: w / norm for word, w in merged.items()}
        members[ga].extend(members.pop(gb))
        anchors[ga] = anchors[ga] or anchors[gb]
        big.remove(gb)
        alike = {pair: value for pair, value in alike.items() if ga not in pair and gb not in pair}
        for gc in big:
            if gc != ga and not (anchors[ga] and anchors[gc]):
                alike[(min(ga, gc), max(ga, gc))] = cosine(centroids[ga], centroids[gc])
    # A point left alone joins the group it is most like, when it is like one enough.
    joins, left = [], []
    for g, ns in list(members.items()):
        if g in big:
            continue
        best = max(((cosine(vectors[ns[0]], centroids[b]), b) for b in big), default=(0, None))
        if best[0] >= JOIN_AT:
            joins.append((ns[0], best[1]))
        else:
            left.append(points[ns[0]])
    for n, g in joins:
        members[g].append(n)
    groups = settle({g: members[g] for g in big}, vectors, points)
    groups, alone = consolidate(groups, vectors, points)
    groups = settle(groups, vectors, points)  # the merged groups: each point settles again
    left += [points[n] for n in alone]
    for g, ns in list(groups.items()):
        if len(ns) == 1 and not points[ns[0]].anchor:
            left.append(points[ns[0]])
            del groups[g]
    left.sort(key=by_date)
    result = [sorted((points[n] for n in ns), key=by_date) for ns in groups.values()]
    return result, left


def settle(groups: dict, vectors: list, points: list) -> dict:
    """Undo what merging in order got wrong: each point not of a goal or tag moves to the
    group whose other points it is most like, twice over."""
    sums = {g: collections.Counter() for g in groups}
    for g, ns in groups.items():
        for n in ns:
            sums[g].update(vectors[n])
    by_word = collections.defaultdict(dict)
    for g, total in sums.items():
        for word, w in total.items():
            by_word[word][g] = w
    squares = {}

    def square(g):  # |the sum of the group's vectors|²
        if g not in squares:
            squares[g] = sum(w * w for w in sums[g].values())
        return squares[g]

    for _ in range(2):
        moves = []
        for g, ns in groups.items():
            for n in ns:
                vector = vectors[n]
                if points[n].anchor or not vector or len(groups) < 2:
                    continue
                dots = collections.defaultdict(float)
                for word, w in vector.items():
                    for h, total in by_word[word].items():
                        dots[h] += w * total
                itself = sum(w * w for w in vector.values())
                rest = square(g) - 2 * dots[g] + itself  # the group without this point
                own = (dots[g] - itself) / math.sqrt(rest) if rest > 1e-9 else 0.0
                best = max(
                    ((dot / math.sqrt(square(h)), h) for h, dot in dots.items() if h != g),
                    default=(0.0, g),
                )
                if best[0] > own + MOVE_BY:
                    moves.append((n, g, best[1]))
        if not moves:
            break
        for n, g, h in moves:
            groups[g].remove(n)
            groups[h].append(n)
            sums[g].subtract(vectors[n])
            sums[h].update(vectors[n])
            for word in vectors[n]:
                by_word[word][g] = sums[g][word]
                by_word[word][h] = sums[h][word]
            squares.pop(g, None)
            squares.pop(h, None)
        groups = {g: ns for g, ns in groups.items() if ns}
    return groups


def consolidate(groups: dict, vectors: list, points: list) -> tuple[dict, list]:
    """No junk groups: a thin group (its points share no word but a weak one) breaks up,
    each point joining the group it is like enough (JOIN_AT) or left alone; then a small
    group joins the bigger group it is like enough, as a sub-project of it ("the
    dual-write flag" of billing). Returns the groups and the points left alone."""

    def size(ns):
        return sum(len(points[n].facts) for n in ns)

    def anchored(ns):
        return any(points[n].anchor for n in ns)

    def centroid(ns):
        total = collections.Counter()
        for n in ns:
            total.update(vectors[n])
        norm = math.sqrt(sum(w * w for w in total.values())) or 1.0
        return {word: w / norm for word, w in total.items()}

    loose = []
    for g, ns in list(groups.items()):
        if len(ns) > 1 and not anchored(ns) and _thin([vectors[n] for n in ns]):
            loose += groups.pop(g)
    left = []
    centroids = {g: centroid(ns) for g, ns in groups.items()}
    for n in loose:
        best = max(((cosine(vectors[n], c), g) for g, c in centroids.items()), default=(0, None))
        (groups[best[1]].append(n) if best[0] >= JOIN_AT else left.append(n))
    for g in sorted(groups, key=lambda g: (size(groups[g]), g)):
        ns = groups[g]
        if size(ns) > SMALL_AT:
            break
        mine = centroid(ns)
        best = max(
            (
                (cosine(mine, centroid(other)), h)
                for h, other in groups.items()
                if size(other) > size(ns) and not (anchored(ns) and anchored(other))
            ),
            default=(0.0, None),
        )
        if best[0] >= JOIN_AT:
            groups[best[1]].extend(groups.pop(g))
    return groups, left


def _thin(vectors: list) -> bool:
    """Whether points share only a weak word: none of their words is in three of them,
    and no two of them share two words."""
    shared = collections.Counter(word for vector in vectors for word in vector)
    if max(shared.values(), default=0) >= 3:
        return False
    return not any(
        len(a.keys() & b.keys()) >= 2 for i, a in enumerate(vectors) for b in vectors[i + 1 :]
    )


def cosine(a: dict, b: dict) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b.get(word, 0.0) for word, w in a.items())


def by_date(point: Point):
    return (point.first, point.facts[0].entry.ref)
