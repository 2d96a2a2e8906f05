"""Threat-intelligence feeds: the data folder `detector intel` maintains and scoring reads."""

from detector.intel.active_feeds import ActiveFeeds
from detector.intel.feed_store import FEEDS, FeedStore

__all__ = ["FEEDS", "ActiveFeeds", "FeedStore"]
