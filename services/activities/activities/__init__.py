"""Activities: tasks with due dates and reminders, and logged calls, meetings and e-mails."""
