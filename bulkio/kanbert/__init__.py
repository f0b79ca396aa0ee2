"""The Kanbert API: the wire module owns what bulkio assumes of it, the client speaks HTTP."""
