//! Hash tables that grow a shard at a time, for what grows with every message sent.
//!
//! A hash table doubles by moving all its entries at once: at a million entries that stalled
//! every request in flight for 200 ms under the AppInstance's lock (perf, `cargo bench --bench
//! tail`). A B-tree grows a node at a time, but each lookup of a random key misses the cache on
//! most levels of its path. Here a table is split into [`SHARDS`] hash tables by a few bits of
//! the hash; each shard doubles on its own, so one insert moves at most a few [`SHARDS`]ths of
//! the entries, and a lookup touches one shard like any hash table.
//!
//! Shards that fill at one rate would all double within the same few thousand inserts (at
//! 1.8 M messages, a round of the tail bench whose p99 was 7.7x the bare handler's). So shard
//! `i` gets a share of the keys proportional to `2^(i/SHARDS)`: the shards reach their sizes
//! at totals spread evenly over each doubling of the table, and the moves are spread with
//! them. A small table is one shard until it reaches [`SPLIT_AT`] entries, so the many small
//! tables (an AppInstance's few tokens of an operation) cost no more than a plain hash table.

use hashbrown::HashTable;

/// Shards of a split table.
pub const SHARDS: usize = 1024;

/// Entries at which a one-shard table splits (once, moving these entries).
pub const SPLIT_AT: usize = 4096;

/// The shard of a split table for `hash`, from its bits 32 to 55: not the low bits, which pick
/// the bucket within a shard, and not the top seven, which hashbrown keeps in each bucket's tag
/// to tell apart the keys of a probe (keys of one shard share the shard bits). Those 24 bits
/// read as `x` in [0, 1) and the shard is `SHARDS * log2(1 + x)`, so that shard `i` gets a share
/// of the keys proportional to `2^(i / SHARDS)`.
fn split_shard(hash: u64) -> usize {
    let x = ((hash >> 32) & 0xff_ffff) as f64 / (1u64 << 24) as f64;
    (((1.0 + x).log2() * SHARDS as f64) as usize).min(SHARDS - 1)
}

/// A hash table of `T`s, each found by its hash and an equality test; the caller hashes (as
/// with hashbrown's `HashTable`), so one key may have several entries, told apart by `eq`.
#[derive(Debug, Clone)]
pub struct ShardedTable<T> {
    shards: Vec<HashTable<T>>,
    len: usize,
}

impl<T> Default for ShardedTable<T> {
    fn default() -> Self {
        ShardedTable {
            shards: vec![HashTable::new()],
            len: 0,
        }
    }
}

impl<T> ShardedTable<T> {
    fn shard_of(&self, hash: u64) -> usize {
        if self.shards.len() == 1 {
            0
        } else {
            split_shard(hash)
        }
    }

    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn find(&self, hash: u64, eq: impl FnMut(&T) -> bool) -> Option<&T> {
        self.shards[self.shard_of(hash)].find(hash, eq)
    }

    pub fn find_mut(&mut self, hash: u64, eq: impl FnMut(&T) -> bool) -> Option<&mut T> {
        let shard = self.shard_of(hash);
        self.shards[shard].find_mut(hash, eq)
    }

    /// Adds `value`, whose hash is `hash`; `rehash` gives the hash of any entry, for growth.
    pub fn insert(&mut self, hash: u64, value: T, rehash: impl Fn(&T) -> u64) {
        if self.shards.len() == 1 && self.len >= SPLIT_AT {
            self.split(&rehash);
        }
        let shard = self.shard_of(hash);
        self.shards[shard].insert_unique(hash, value, &rehash);
        self.len += 1;
    }

    /// Removes and returns the first entry of hash `hash` that `eq` accepts.
    pub fn remove(&mut self, hash: u64, eq: impl FnMut(&T) -> bool) -> Option<T> {
        let shard = self.shard_of(hash);
        let (value, _) = self.shards[shard].find_entry(hash, eq).ok()?.remove();
        self.len -= 1;
        Some(value)
    }

    fn split(&mut self, rehash: &impl Fn(&T) -> u64) {
        let one = std::mem::take(&mut self.shards);
        self.shards = (0..SHARDS).map(|_| HashTable::new()).collect();
        for value in one.into_iter().flatten() {
            let hash = rehash(&value);
            let shard = self.shard_of(hash);
            self.shards[shard].insert_unique(hash, value, rehash);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use foldhash::fast::RandomState;
    use std::hash::BuildHasher;

    /// Adds `key` -> `v`, hashed by `hasher` as a caller of the table hashes its keys.
    fn insert(table: &mut ShardedTable<(u64, usize)>, hasher: &RandomState, key: u64, v: usize) {
        table.insert(hasher.hash_one(key), (key, v), |(k, _)| hasher.hash_one(k));
    }

    fn get(table: &ShardedTable<(u64, usize)>, hasher: &RandomState, key: u64) -> Option<usize> {
        table
            .find(hasher.hash_one(key), |(k, _)| *k == key)
            .map(|(_, v)| *v)
    }

    #[test]
    fn a_table_keeps_what_it_is_given_across_the_split() {
        let (mut table, hasher) = (ShardedTable::default(), RandomState::default());
        let n = SPLIT_AT * 3;
        for i in 0..n {
            insert(&mut table, &hasher, i as u64 * 7919, i);
        }
        assert_eq!(table.len(), n);
        assert_eq!(table.shards.len(), SHARDS, "the table split");
        for i in 0..n {
            assert_eq!(get(&table, &hasher, i as u64 * 7919), Some(i));
        }
        assert_eq!(get(&table, &hasher, 1), None);
        for i in (0..n).step_by(2) {
            let key = i as u64 * 7919;
            assert!(
                table
                    .remove(hasher.hash_one(key), |(k, _)| *k == key)
                    .is_some()
            );
        }
        assert_eq!(table.remove(hasher.hash_one(0u64), |(k, _)| *k == 0), None);
        assert_eq!(table.len(), n / 2);
        assert!(
            (1..n)
                .step_by(2)
                .all(|i| get(&table, &hasher, i as u64 * 7919).is_some())
        );
    }

    #[test]
    fn the_shards_double_at_totals_spread_over_each_doubling_of_the_table() {
        let (mut table, hasher) = (ShardedTable::default(), RandomState::default());
        let capacities = |t: &ShardedTable<(u64, usize)>| -> Vec<usize> {
            t.shards.iter().map(HashTable::capacity).collect()
        };
        // Windows of growth by a factor of 2^(1/8), over two doublings of the table: every shard
        // doubles about once per doubling, so spread evenly each window sees about SHARDS / 8,
        // where shards filled at one rate would all double in one or two of them.
        let from = 64 * SHARDS;
        let ends: Vec<usize> = (1..=16)
            .map(|k| (from as f64 * 2f64.powf(k as f64 / 8.0)).round() as usize)
            .collect();
        let mut doubled = Vec::new();
        let mut before = Vec::new();
        for i in 1..=*ends.last().unwrap_or(&0) {
            insert(&mut table, &hasher, i as u64, i);
            if i == from {
                before = capacities(&table);
            } else if ends.contains(&i) {
                let now = capacities(&table);
                doubled.push(now.iter().zip(&before).filter(|(a, b)| a > b).count());
                before = now;
            }
        }
        assert_eq!(table.shards.len(), SHARDS);
        let total: usize = doubled.iter().sum();
        let mean = total as f64 / doubled.len() as f64;
        let (most, least) = (doubled.iter().max(), doubled.iter().min());
        let (most, least) = (*most.unwrap_or(&0) as f64, *least.unwrap_or(&0) as f64);
        assert!(total >= SHARDS, "{total} doublings");
        assert!(
            most < 1.5 * mean && least > 0.5 * mean,
            "shards doubled per window: {doubled:?}"
        );
    }

    #[test]
    fn shard_shares_grow_by_a_factor_of_two_from_the_first_shard_to_the_last() {
        let mut counts = vec![0usize; SHARDS];
        let hasher = RandomState::default();
        for i in 0..(SHARDS * 400) as u64 {
            counts[split_shard(hasher.hash_one(i))] += 1;
        }
        let quarter = SHARDS / 4;
        let first: usize = counts[..quarter].iter().sum();
        let last: usize = counts[SHARDS - quarter..].iter().sum();
        // Shares 2^(i/SHARDS): the last quarter gets 2^(3/4) = 1.68x what the first gets.
        let ratio = last as f64 / first as f64;
        assert!(
            (1.6..1.76).contains(&ratio),
            "last/first quarter {ratio:.2}"
        );
        assert!(counts.iter().all(|&c| c > 0), "every shard gets keys");
    }

    #[test]
    fn entries_of_one_hash_are_told_apart_by_their_test() {
        let mut table = ShardedTable::<(u64, &str)>::default();
        table.insert(42, (42, "a"), |e| e.0);
        table.insert(42, (42, "b"), |e| e.0);
        assert_eq!(table.find(42, |e| e.1 == "b"), Some(&(42, "b")));
        assert_eq!(table.remove(42, |e| e.1 == "a"), Some((42, "a")));
        assert_eq!(table.find(42, |e| e.1 == "a"), None);
        assert_eq!(table.len(), 1);
    }
}
