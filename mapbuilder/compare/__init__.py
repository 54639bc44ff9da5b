"""The comparison of areas: ``transitiekaart compare``'s page and formats."""
