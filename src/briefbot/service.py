"""The answering service: the one place every front end asks through.

It joins the pure engine to the clock and the question log. Front ends (console,
CLI, Discord chat, slash commands) call :meth:`AnswerService.ask` and render the
returned :class:`Asked`; they never call the engine directly, so every answered
question is logged exactly once.
"""
