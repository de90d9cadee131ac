# Goal, GoalReview and PerfSummary arrive with the perf-summary issue.
