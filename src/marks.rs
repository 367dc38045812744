//! Marks: the punctuation and grammar marks of written Chinese that the
//! readers, the outline and the figure rules look for, one named constant
//! each, so the code reads "a sentence ends here" rather than a row of
//! glyphs, and a mark is added in one place.
//!
//! Text has been folded (`text::fold_char`) before most of these are used:
//! full-width ，；：！？（） are their ASCII twins by then, so the sets list
//! the ASCII forms and the Chinese marks that have no ASCII twin. The raw
//! sets (`RAW_…`) are for text read before folding (spreadsheet cells).

/// The full stop that ends a Chinese sentence.
pub const FULL_STOP: char = '。';

/// The enumeration comma (顿号) between items of a list: 安阳、商丘.
pub const LIST_COMMA: char = '、';

/// The character after a four-digit year: 2025年.
pub const YEAR: char = '年';

/// The ordinal prefix: 第二届, 第3件.
pub const ORDINAL: char = '第';

/// The two ways a year is written after its digits: 2025年度, 2025年.
pub const YEAR_WORDS: [&str; 2] = ["年度", "年"];

/// The brackets a document number opens with: 〔2024〕12号, [2024].
pub const DOCUMENT_NUMBER_OPEN: [char; 2] = ['〔', '['];

/// The attributive particle: 5000万元以上的项目 (a bound qualifying a noun).
pub const ATTRIBUTIVE: char = '的';

/// "Each" before a number: 每10万人 (the base of a rate, not an amount).
pub const PER: char = '每';

/// The ellipsis.
pub const ELLIPSIS: char = '…';

/// The dash of a range or an aside (folded from —, ―, –).
pub const DASH: char = '—';

/// The marks that open a bullet line (●实施…).
pub const BULLETS: [char; 8] = ['●', '•', '■', '◆', '▪', '○', '◎', '★'];

/// The bullets and list marks a broken-line join must not swallow: the
/// bullets, the middle dot and the Markdown marks.
pub const LINE_MARKS: [char; 13] = [
    '●', '•', '·', '■', '◆', '▪', '○', '◎', '★', '-', '*', '#', '>',
];

/// Opening and closing quotation marks (folded text: " is ASCII).
pub const OPEN_QUOTES: [char; 3] = ['“', '"', '「'];
pub const CLOSE_QUOTES: [char; 3] = ['”', '"', '」'];

/// Title marks around a document's or a plan's name: 《…》.
pub const TITLE_OPEN: char = '《';
pub const TITLE_CLOSE: char = '》';

/// Brackets around a document number or an aside: 〔2024〕, [1].
pub const OPEN_BRACKETS: [char; 3] = ['(', '〔', '['];
pub const CLOSE_BRACKETS: [char; 3] = [')', '〕', ']'];

/// Marks that end a sentence in folded text.
pub const SENTENCE_ENDS: [char; 4] = [FULL_STOP, '!', '?', ';'];

/// Marks that end a clause in folded text: the sentence ends and the comma
/// and colon.
pub const CLAUSE_ENDS: [char; 6] = [FULL_STOP, '!', '?', ';', ',', ':'];

/// Characters a complete line may end with; a body line ending in anything
/// else was broken by the layout.
pub const LINE_ENDS: [char; 17] = [
    FULL_STOP,
    '!',
    '?',
    ';',
    ':',
    ELLIPSIS,
    '”',
    '’',
    ')',
    TITLE_CLOSE,
    '」',
    '』',
    '】',
    '.',
    ',',
    LIST_COMMA,
    '"',
];

/// Marks a paragraph's last line ends with: the next line may open a new
/// paragraph.
pub const PARAGRAPH_ENDS: [char; 7] = [FULL_STOP, '!', '?', ';', ELLIPSIS, '”', ':'];

/// Clause marks of raw (unfolded) text: both widths.
pub const RAW_CLAUSE_ENDS: [char; 9] = [FULL_STOP, ',', ';', ':', '，', '；', '：', ')', '）'];

/// Sentence ends of raw text: both widths.
pub const RAW_SENTENCE_ENDS: [char; 7] = [FULL_STOP, '!', '?', '！', '？', ';', '；'];

/// What a complete line of raw text ends with: a sentence end, a colon or
/// a period.
pub const RAW_LINE_ENDS: [char; 10] = [FULL_STOP, '!', '?', '！', '？', ';', '；', ':', '：', '.'];

/// Colons of raw text: both widths.
pub const RAW_COLONS: [char; 2] = [':', '：'];

/// Opening and closing parentheses of raw text: both widths.
pub const RAW_OPEN_PARENS: [char; 2] = ['(', '（'];
pub const RAW_CLOSE_PARENS: [char; 2] = [')', '）'];

/// The label of a table's unit note: 单位:万元.
pub const UNIT_LABEL: &str = "单位";

/// Unit of an item count in a title (五件实事, 10项): the counters a
/// declared number of items takes.
pub const ITEM_COUNTERS: [&str; 3] = ["件", "项", "条"];

/// True for a character that ends a sentence in folded text.
pub fn ends_sentence(c: char) -> bool {
    SENTENCE_ENDS.contains(&c)
}

/// True for a character that ends a clause in folded text.
pub fn ends_clause(c: char) -> bool {
    CLAUSE_ENDS.contains(&c)
}

/// The first clause of `text`: up to the first clause mark.
pub fn first_clause(text: &str) -> &str {
    text.split(CLAUSE_ENDS).next().unwrap_or(text)
}

/// `text` without leading bullets and spaces (and an ideographic space
/// left unfolded).
pub fn trim_bullets(text: &str) -> &str {
    text.trim_start_matches(|c: char| BULLETS.contains(&c) || c == ' ' || c == '\u{3000}')
}

/// Depth of title marks and parentheses at the end of `text`: above zero
/// when `text` stops inside 《…》 or (…).
pub fn open_depth(text: &str) -> (i32, i32) {
    let (mut title, mut paren) = (0i32, 0i32);
    for c in text.chars() {
        match c {
            TITLE_OPEN => title += 1,
            TITLE_CLOSE => title = (title - 1).max(0),
            '(' => paren += 1,
            ')' => paren = (paren - 1).max(0),
            _ => {}
        }
    }
    (title, paren)
}
