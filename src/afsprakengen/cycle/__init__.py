"""The cycle over time: deadlines, milestones, the status of each running cycle, and the calendar as iCalendar."""
