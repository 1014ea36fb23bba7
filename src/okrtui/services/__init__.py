"""Domain logic over the model: progress, SMART evaluation, forecasts. Never imports Textual."""
