"""Reading input: the bounded YAML reader, field checks, and ladder and style loading.

The only code that sees raw data; everything it returns is an immutable model object.
"""
