"""The pure answer engine: normalize, match, compose. No I/O, no Discord, no database."""
