"""Vietnamese function words: single syllables that say nothing about what an article is about.

A general list (conjunctions, prepositions, particles, pronouns, quantifiers, auxiliaries), written for any
Vietnamese text and not taken from any one archive. Lower case, NFC, new-style tone placement. They are dropped
as single terms only: syllable pairs such as "thế giới" or "nhà nước" still count.
"""

from __future__ import annotations

_WORDS = """
    à ạ ai anh ấy bà bao bằng bị bởi các cả cái cần càng chỉ chị chiếc cho chứ chưa chúng có còn của cùng cứ
    dù do đã đang đây đấy để đến đều đi điều đó được gì hay hãy hơn họ hoặc khi không là lại lên lúc mà mấy
    mình mỗi một nay này nào nên nếu ngay nhau nhiều như nhưng những nó nữa ông phải qua ra rằng rất rồi sau
    sẽ so sự tại tất thế thì theo thêm tôi trên trong từ từng vẫn về với vì việc vào vậy vừa xong
"""
STOP_WORDS = frozenset(_WORDS.split())
