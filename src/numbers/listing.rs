//! Listing: takes an item's number and a Word number format (`w:numFmt`),
//! gives the marker Word shows: the numeral systems of list numbering
//! (三, 丙, 子, ③, c, xiv), for the DOCX reader to put back in the text.

/// Numbers a list item the way Word shows it for a number format
/// (`w:numFmt`): 3 → 三 (chineseCounting), 丙 (ideographTraditional), c…
pub fn format_number(n: u32, fmt: &str) -> String {
    const GAN: [&str; 10] = ["甲", "乙", "丙", "丁", "戊", "己", "庚", "辛", "壬", "癸"];
    const ZHI: [&str; 12] = [
        "子", "丑", "寅", "卯", "辰", "巳", "午", "未", "申", "酉", "戌", "亥",
    ];
    const CIRCLED: &str = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳";
    let letters = |base: u8| {
        // a…z, aa…zz, as Word repeats the letter.
        let k = ((n.max(1) - 1) % 26) as u8;
        let times = ((n.max(1) - 1) / 26 + 1) as usize;
        std::iter::repeat_n((base + k) as char, times).collect::<String>()
    };
    match fmt {
        "chineseCounting"
        | "chineseCountingThousand"
        | "japaneseCounting"
        | "taiwaneseCounting"
        | "taiwaneseCountingThousand"
        | "chineseLegalSimplified" => super::format_chinese(n as u64),
        "ideographTraditional" if (1..=10).contains(&n) => GAN[n as usize - 1].to_string(),
        "ideographZodiac" if (1..=12).contains(&n) => ZHI[n as usize - 1].to_string(),
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" if (1..=20).contains(&n) => {
            CIRCLED
                .chars()
                .nth(n as usize - 1)
                .map(String::from)
                .unwrap_or_default()
        }
        "decimalFullWidth" | "decimalFullWidth2" => n
            .to_string()
            .chars()
            .map(|c| char::from_u32(c as u32 + 0xFEE0).unwrap_or(c))
            .collect(),
        "upperLetter" => letters(b'A'),
        "lowerLetter" => letters(b'a'),
        "upperRoman" => roman(n),
        "lowerRoman" => roman(n).to_ascii_lowercase(),
        "decimalZero" if n < 10 => format!("0{n}"),
        "none" => String::new(),
        _ => n.to_string(),
    }
}

fn roman(mut n: u32) -> String {
    const R: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut s = String::new();
    for (v, r) in R {
        while n >= v {
            s.push_str(r);
            n -= v;
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_list_items() {
        assert_eq!(format_number(3, "chineseCounting"), "三");
        assert_eq!(format_number(12, "chineseCountingThousand"), "十二");
        assert_eq!(format_number(2, "ideographTraditional"), "乙");
        assert_eq!(format_number(4, "decimal"), "4");
        assert_eq!(format_number(3, "decimalEnclosedCircle"), "③");
        assert_eq!(format_number(28, "lowerLetter"), "bb");
        assert_eq!(format_number(14, "upperRoman"), "XIV");
    }
}
