//! Where each message of a channel is kept, found from its id without a hash table.
//!
//! A channel gives every message sent to it an ordinal, 0, 1, 2, ..., and the message's id spells
//! it: 32 lowercase hex digits, the ordinal masked by a random number of the channel's in the
//! first 16, a random tag in the last 16. The log holds one slot per ordinal, so finding a
//! message is one index, and a new message appends a slot where the last one went: no hashing,
//! no probe into a table the size of the channel's history (the hash table it replaces took
//! 3.5% of the server's CPU samples in the tail bench, and grew by moving entries under the
//! AppInstance's lock).
//! The slots grow a chunk at a time, so that no append ever moves the slots before it.
//!
//! The log only tells where to look; the id kept with the message is what an id must equal
//! (`Channel::message`), so an id with a right ordinal and a wrong tag names nothing.

/// Slots per chunk: for the channel's 40-byte slots, 160 KiB allocated at once and touched as
/// they fill.
const CHUNK: usize = 4096;

/// The log of one channel; a `Slot` says where a message is kept (the channel's is its
/// sub-channel and its key there).
#[derive(Debug, Clone)]
pub struct MessageLog<Slot> {
    /// Slot `n` is `chunks[n / CHUNK][n % CHUNK]`; `None` for a message not kept (a
    /// NON_PERSISTENT one) or deleted.
    chunks: Vec<Vec<Option<Slot>>>,
    /// XORed into the ordinal, so that a channel's ids do not count up in plain sight.
    mask: u64,
}

impl<Slot> Default for MessageLog<Slot> {
    fn default() -> Self {
        MessageLog {
            chunks: Vec::new(),
            mask: rand::random(),
        }
    }
}

impl<Slot> MessageLog<Slot> {
    /// The id of the next message, whose slot stays empty until [`MessageLog::place`].
    pub fn next_id(&mut self) -> String {
        if self.chunks.last().is_none_or(|c| c.len() == CHUNK) {
            self.chunks.push(Vec::with_capacity(CHUNK));
        }
        let chunks = self.chunks.len();
        let last = &mut self.chunks[chunks - 1];
        let ordinal = ((chunks - 1) * CHUNK + last.len()) as u64;
        last.push(None);
        format!("{:016x}{:016x}", ordinal ^ self.mask, rand::random::<u64>())
    }

    /// Records where the message `id` (from [`MessageLog::next_id`]) is kept.
    pub fn place(&mut self, id: &str, slot: Slot) {
        if let Some(s) = self.slot_mut(id) {
            *s = Some(slot);
        }
    }

    /// Where the message whose id has `id`'s ordinal is kept, if it is.
    pub fn get(&self, id: &str) -> Option<&Slot> {
        let n = self.ordinal(id)?;
        self.chunks.get(n / CHUNK)?.get(n % CHUNK)?.as_ref()
    }

    /// Empties the slot of `id`'s ordinal.
    pub fn clear(&mut self, id: &str) {
        if let Some(s) = self.slot_mut(id) {
            *s = None;
        }
    }

    fn slot_mut(&mut self, id: &str) -> Option<&mut Option<Slot>> {
        let n = self.ordinal(id)?;
        self.chunks.get_mut(n / CHUNK)?.get_mut(n % CHUNK)
    }

    /// The ordinal an id spells; `None` for text that is not 32 lowercase hex digits.
    fn ordinal(&self, id: &str) -> Option<usize> {
        let hex = |b: &u8| matches!(b, b'0'..=b'9' | b'a'..=b'f');
        if id.len() != 32 || !id.as_bytes().iter().all(hex) {
            return None;
        }
        let masked = u64::from_str_radix(&id[..16], 16).ok()?;
        usize::try_from(masked ^ self.mask).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    type Log = MessageLog<(String, (i64, u64))>;

    #[test]
    fn every_id_finds_its_own_slot_across_chunks() {
        let mut log = Log::default();
        let ids: Vec<String> = (0..CHUNK * 2 + 5).map(|_| log.next_id()).collect();
        assert_eq!(log.chunks.len(), 3);
        assert!(log.chunks.iter().all(|c| c.capacity() == CHUNK));
        for (i, id) in ids.iter().enumerate() {
            assert_eq!(id.len(), 32);
            assert!(
                id.bytes()
                    .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
            );
            assert_eq!(log.get(id), None, "not placed yet");
            if i % 3 != 0 {
                log.place(id, (String::new(), (i as i64, i as u64)));
            }
        }
        for (i, id) in ids.iter().enumerate() {
            let want = (i % 3 != 0).then(|| (String::new(), (i as i64, i as u64)));
            assert_eq!(log.get(id), want.as_ref(), "{i}");
        }
        log.clear(&ids[1]);
        assert_eq!(log.get(&ids[1]), None);
        assert!(
            log.get(&ids[2]).is_some(),
            "clearing one slot leaves the next"
        );
        assert_eq!(ids.iter().collect::<HashSet<_>>().len(), ids.len());
    }

    #[test]
    fn text_that_is_not_an_id_of_the_log_names_no_slot() {
        let mut log = Log::default();
        let id = log.next_id();
        log.place(&id, ("sub".into(), (1, 1)));
        assert!(log.get(&id).is_some());
        for other in [
            id.to_uppercase(),
            id[1..].to_owned(),
            format!("{id}0"),
            format!("+{}", &id[1..]),
            String::new(),
            "é".repeat(16),
        ] {
            assert_eq!(log.get(&other), None, "{other:?}");
        }
        // The ordinal of another log's first id, under this log's mask, is out of range.
        let mut other = Log::default();
        let foreign = other.next_id();
        assert_eq!(log.get(&foreign), None);
        assert_eq!(log.get(&"0".repeat(32)), None);
    }

    #[test]
    fn ids_do_not_count_up_in_plain_sight() {
        let mut log = Log::default();
        let (a, b) = (log.next_id(), log.next_id());
        // The first message's ordinal is 0: unmasked, its id would start with 16 zeros.
        assert_ne!(a[..16], "0".repeat(16), "the ordinal is masked");
        assert_ne!(a[16..], b[16..], "the tags are random");
    }
}
