//! What a paragraph is, on a newspaper page or in a compilation: a title, a
//! date line under a title, a byline, a wire dateline, a continuation marker,
//! a photo credit. These small predicates are the vocabulary of the
//! splitters; each is tested on lines taken from the seed texts.

use super::chars::{ends_paragraph, is_han};
use regex::Regex;
use std::sync::LazyLock;

static DATELINE_START: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"^(?:",
        r"据?(?:新华社|中新社|人民日报|本报)\p{Han}{0,8}?\d{1,2}月\d{1,2}日(?:电|讯)",
        r"|据新华社电|据新华社消息|本报讯",
        r"|据\p{Han}{2,8}(?:消息|报道)",
        r")"
    ))
    .unwrap()
});
static DATELINE_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[（(]?(?:新华社|中新社|本报)\p{Han}{0,8}?\d{1,2}月\d{1,2}日(?:电|讯)[）)]?$").unwrap()
});
static JUMP_IN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[【（(〔](?:紧接|上接|接)第?[\d一二三四五六七八九十]+版[①-⑳\d]*[】）)〕]").unwrap());
static JUMP_OUT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[【（(〔](?:下转|转)第?[\d一二三四五六七八九十]+版[①-⑳\d]*[】）)〕]$").unwrap());
static DATE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[（(]?\d{4}年\d{1,2}月\d{1,2}日(?:[，,、]\s*\p{Han}{1,10})?[）)]?$|^[（(]《求是》.*期[）)]$").unwrap()
});
static CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[（(]?(?:\p{Han}{0,8}(?:记者|通讯员|特约摄影|摄影)\s*)[\p{Han}·、 ]{2,20}摄(?:影)?[）)]?$").unwrap()
});
static BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:\p{Han}{0,16}(?:主席|总书记|书记|总理|委员长|部长|主任|记者)\s*)?[\p{Han}·]{2,4}(?:\s+[\p{Han}·]{2,4})*$",
    )
    .unwrap()
});
static SECTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:第[一二三四五六七八九十]+[，,、]|[一二三四五六七八九十]+[、是]|[（(][一二三四五六七八九十\d]+[）)]|\d+[.、．]\s|——)")
        .unwrap()
});

/// A wire dateline that opens an article: `新华社北京11月16日电`,
/// `据新华社电`, `据重庆日报消息`, `本报讯`.
pub fn is_dateline_start(text: &str) -> bool {
    DATELINE_START.is_match(text)
}

/// A dateline standing alone, closing an article: `新华社旧金山11月15日电`,
/// `（新华社旧金山11月15日电）`.
pub fn is_dateline_end(text: &str) -> bool {
    DATELINE_END.is_match(text)
}

/// A continuation from another page: `【紧接第1版②】`, `【上接第1版①】`.
pub fn is_jump_in(text: &str) -> bool {
    JUMP_IN.is_match(text)
}

/// Continued on another page: `（下转第三版）` at the end.
pub fn is_jump_out(text: &str) -> bool {
    JUMP_OUT.is_match(text)
}

/// Where the continuation-from marker at the start of `text` is.
pub fn jump_in_marker(text: &str) -> Option<std::ops::Range<usize>> {
    JUMP_IN.find(text).map(|m| m.range())
}

/// Where the continued-on marker at the end of `text` is.
pub fn jump_out_marker(text: &str) -> Option<std::ops::Range<usize>> {
    JUMP_OUT.find(text).map(|m| m.range())
}

/// A date line under a title: `(2023年11月15日，旧金山)`, `2023年11月14日`,
/// `（《求是》2023年第22期）`.
pub fn is_date_line(text: &str) -> bool {
    DATE_LINE.is_match(text)
}

/// A photo or reporter credit: `新华社记者谢环驰摄`.
pub fn is_credit(text: &str) -> bool {
    text.chars().count() <= 40 && CREDIT.is_match(text)
}

/// A byline or signature: `中华人民共和国主席习近平`, `习近平`, `特写`.
pub fn is_byline(text: &str) -> bool {
    text.chars().count() <= 30 && BYLINE.is_match(text) && !text.contains("习近平在")
}

/// A numbered section heading or a `——` subtitle, which stays inside its
/// document: `第一，…`, `一、…`, `二是…`, `（三）…`, `——在…上的讲话`.
pub fn is_section_heading(text: &str) -> bool {
    SECTION.is_match(text)
}

/// Characters a Chinese sentence cannot start with: a paragraph that starts
/// with one (`们党始终高度重视…`) begins mid-word, cut from an article printed
/// elsewhere.
pub fn starts_mid_word(text: &str) -> bool {
    text.chars().next().is_some_and(|c| {
        matches!(
            c,
            '们' | '的'
                | '了'
                | '着'
                | '吗'
                | '呢'
                | '吧'
                | '么'
                | '，'
                | '、'
                | '。'
                | '；'
                | '：'
                | '！'
                | '？'
                | '）'
                | '》'
                | '」'
                | '』'
        )
    })
}

/// Could this paragraph be a title? Short, with no sentence inside it, not
/// ending like a sentence (a question in quotes, `“您认识这位年轻人吗？”`, may
/// be a title), and not a date line, byline or dateline.
pub fn is_title_like(text: &str) -> bool {
    let n = text.chars().filter(|c| !c.is_whitespace()).count();
    if !(4..=90).contains(&n) || text.contains('。') {
        return false;
    }
    if is_date_line(text) || is_byline(text) || is_dateline_start(text) || is_dateline_end(text) || is_jump_in(text) {
        return false;
    }
    let quoted_question = (text.starts_with('“') || text.starts_with('"'))
        && (text.ends_with("？”") || text.ends_with("！”") || text.ends_with("?\""))
        && n <= 30;
    if ends_paragraph(text) && !quoted_question {
        return false;
    }
    let commas = text.matches(['，', ',']).count();
    let hans = text.chars().filter(|&c| is_han(c)).count();
    commas <= 2 && hans * 2 >= n
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn datelines() {
        assert!(is_dateline_start("新华社北京11月16日电 11月16日7时许，山西吕梁市"));
        assert!(is_dateline_start("据新华社电 中央外事工作会议12月27日至28日在北京举行"));
        assert!(is_dateline_start("据重庆日报消息 12月28日，重庆市党政代表团"));
        assert!(!is_dateline_start("新华社记者谢环驰摄"));
        assert!(is_dateline_end("新华社旧金山11月15日电"));
        assert!(is_dateline_end("(新华社旧金山11月15日电)"));
        assert!(!is_dateline_end("新华社旧金山11月15日电 记者李学仁刘华"));
    }

    #[test]
    fn markers_credits_bylines() {
        assert!(is_jump_in("【紧接第1版②】不论形势如何变化"));
        assert!(is_jump_in("【上接第1版①】"));
        assert!(is_jump_out("更加艰巨。（下转第三版）"));
        assert!(is_credit("新华社记者谢环驰摄"));
        assert!(!is_credit("习近平在上海主持召开座谈会"));
        assert!(is_byline("中华人民共和国主席习近平"));
        assert!(is_byline("习近平"));
        assert!(!is_byline("习近平在美国友好团体联合欢迎宴会上的演讲"));
        assert!(is_date_line("(2023年11月15日，旧金山)"));
        assert!(is_date_line("（《求是》2023年第22期）"));
        assert!(is_date_line("2023年11月14日"));
    }

    #[test]
    fn titles() {
        assert!(is_title_like("汇聚两国人民力量 推进中美友好事业"));
        assert!(is_title_like("“您认识这位年轻人吗？”"));
        assert!(is_title_like("王毅就中美元首旧金山会晤向媒体介绍情况并答问"));
        assert!(!is_title_like("女士们、先生们、朋友们！"));
        assert!(!is_title_like("中华人民共和国主席习近平"));
        assert!(!is_title_like("谢谢大家。"));
        assert!(is_section_heading("第一，深刻认识加强耕地保护的重要性和紧迫性"));
        assert!(is_section_heading("——在美国友好团体联合欢迎宴会上的演讲"));
        assert!(starts_mid_word("们党始终高度重视耕地保护问题。"));
    }
}
