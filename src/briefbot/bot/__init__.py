"""The Discord front end: chat replies, slash commands and buttons over the answering service.

Pure pieces (``language``, ``cooldown``, ``render``, ``panels``) hold the
decisions and are unit-tested without Discord; ``client``, ``views`` and the
cogs are the thin edge that reads events, calls the service and sends.
"""
