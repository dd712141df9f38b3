//! The lines of a checked-in list (`catalogue/*.txt`): numbered from 1, trimmed, with blank
//! lines and `#` comments left out.

/// (line number, text) of each line that says something.
pub fn listed_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines()
        .enumerate()
        .map(|(i, raw)| (i + 1, raw.trim()))
        .filter(|(_, t)| !t.is_empty() && !t.starts_with('#'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_and_blank_lines_are_left_out_and_numbers_kept() {
        let lines: Vec<(usize, &str)> = listed_lines("# head\n\n  a b \n#x\nc\n").collect();
        assert_eq!(lines, vec![(3, "a b"), (5, "c")]);
    }
}
