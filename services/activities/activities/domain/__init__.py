"""Pure rules: tasks, logged activities, who may see them."""
