//! What changed between two versions of a service model, classified as breaking or not.
