"""What pmladder needs to know about writing systems, shared by the loader and the line breaker."""

import re

# Characters of scripts written without spaces between words (kana, CJK ideographs and their
# punctuation): a line may break between any two of them, and joined lines need no space.
CJK = re.compile("[\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")
