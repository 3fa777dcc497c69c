//! `--fail-on`: which findings fail a CI job. The policy sits here, beside the counts it reads,
//! so that it has unit tests and every front end decides alike; the CLI only parses the flag.

use crate::report::Counts;

/// What makes a diff fail (exit 1 in the CLI).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FailOn {
    /// Any breaking change (the default).
    #[default]
    Breaking,
    /// Any breaking or dangerous change.
    Dangerous,
    /// A breaking change that one of the operations checked (`--ops`) uses.
    UsedBreaking,
    /// Nothing: report only.
    None,
}

impl FailOn {
    /// Whether a diff with `counts` fails. Operations that no longer validate against NEW fail
    /// every policy but [`FailOn::None`]: a client is broken whatever the changes say.
    pub fn fails(self, counts: &Counts, operations_invalid: bool) -> bool {
        match self {
            FailOn::None => false,
            FailOn::Breaking => counts.breaking > 0 || operations_invalid,
            FailOn::Dangerous => counts.breaking + counts.dangerous > 0 || operations_invalid,
            FailOn::UsedBreaking => counts.used_breaking.unwrap_or(0) > 0 || operations_invalid,
        }
    }

    /// Whether the policy means anything without operations to check.
    pub fn needs_operations(self) -> bool {
        self == FailOn::UsedBreaking
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts(breaking: usize, dangerous: usize, used_breaking: Option<usize>) -> Counts {
        Counts {
            breaking,
            dangerous,
            safe: 3,
            ignored: 1,
            used_breaking,
        }
    }

    #[test]
    fn each_policy_fails_on_what_it_names() {
        let safe_only = counts(0, 0, None);
        let dangerous = counts(0, 2, None);
        let breaking_unused = counts(1, 0, Some(0));
        let breaking_used = counts(1, 0, Some(1));
        let table = [
            // (policy, safe only, dangerous, breaking unused by the operations, breaking used)
            (FailOn::Breaking, false, false, true, true),
            (FailOn::Dangerous, false, true, true, true),
            (FailOn::UsedBreaking, false, false, false, true),
            (FailOn::None, false, false, false, false),
        ];
        for (policy, a, b, c, d) in table {
            assert_eq!(policy.fails(&safe_only, false), a, "{policy:?}");
            assert_eq!(policy.fails(&dangerous, false), b, "{policy:?}");
            assert_eq!(policy.fails(&breaking_unused, false), c, "{policy:?}");
            assert_eq!(policy.fails(&breaking_used, false), d, "{policy:?}");
        }
    }

    #[test]
    fn invalid_operations_fail_every_policy_but_none() {
        for policy in [FailOn::Breaking, FailOn::Dangerous, FailOn::UsedBreaking] {
            assert!(policy.fails(&counts(0, 0, Some(0)), true), "{policy:?}");
        }
        assert!(!FailOn::None.fails(&counts(5, 5, Some(5)), true));
    }

    #[test]
    fn only_used_breaking_needs_operations() {
        assert!(FailOn::UsedBreaking.needs_operations());
        assert!(!FailOn::Breaking.needs_operations());
        assert_eq!(FailOn::default(), FailOn::Breaking);
    }
}
