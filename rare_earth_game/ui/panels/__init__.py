"""The regions of the turn screen: top bar, map, charts, projects, the plan, the news."""
