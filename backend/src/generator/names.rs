//! Word lists for factory names that look like the sector's real ones: Chinese-, Taiwanese-,
//! Korean- and Cambodian-owned companies registered as "(Cambodia) Co., Ltd.".

use rand::seq::SliceRandom;
use rand::Rng;

/// Romanised Chinese names with their characters, for factories owned from mainland China,
/// Hong Kong, Taiwan, Singapore or Malaysia.
const CHINESE: &[(&str, &str)] = &[
    ("Hong Xing", "红星"),
    ("Jin Long", "金龙"),
    ("Hua Sheng", "华盛"),
    ("Xin Yuan", "鑫源"),
    ("Tian Fu", "天福"),
    ("Yong Feng", "永丰"),
    ("Da Cheng", "大成"),
    ("Fu Tai", "富泰"),
    ("Heng Li", "恒利"),
    ("Sheng Da", "盛达"),
    ("Li Feng", "利丰"),
    ("Kai Yue", "凯越"),
    ("Rui Xiang", "瑞祥"),
    ("Bao Li", "宝利"),
    ("Jia Hui", "嘉慧"),
    ("Wan Tong", "万通"),
    ("Ming Yang", "明阳"),
    ("Xin Hua", "新华"),
    ("Guang Yu", "广宇"),
    ("Hai Xin", "海鑫"),
    ("Chang Hong", "长虹"),
    ("Sun Tai", "新泰"),
    ("Wing Tai", "永泰"),
    ("Kwong Fat", "广发"),
    ("Tak Fung", "德丰"),
    ("Yee Shun", "怡顺"),
    ("Lian Fa", "联发"),
    ("Zhong Yi", "中艺"),
    ("Quan Sheng", "全盛"),
    ("Hong Da", "宏达"),
];

/// Korean company-style names.
const KOREAN: &[&str] = &[
    "Hansae",
    "Daewon",
    "Sejin",
    "Shinsung",
    "Youngone",
    "Kukdong",
    "Pan Pacific",
    "Myungsung",
    "Dongil",
    "Sungwon",
    "Hanil",
    "Seoul Tex",
];

/// Khmer names with their script, for Cambodian-owned factories.
const KHMER: &[(&str, &str)] = &[
    ("Sok Heng", "សុខហេង"),
    ("Angkor", "អង្គរ"),
    ("Meanchey", "មានជ័យ"),
    ("Sovannaphum", "សុវណ្ណភូមិ"),
    ("Chan Rith", "ចាន់រិទ្ធ"),
    ("Bayon", "បាយ័ន"),
    ("Mekong", "មេគង្គ"),
    ("Reaksmey", "រស្មី"),
    ("Sen Sok", "សែនសុខ"),
    ("Kampuchea", "កម្ពុជា"),
    ("Vimean", "វិមាន"),
    ("Sovann", "សុវណ្ណ"),
];

/// Other owners' name roots (Japan, Thailand, United States, Europe, India...).
const OTHER: &[&str] = &[
    "Pacific Apparel",
    "Golden Harvest",
    "Everest",
    "Orchid",
    "Summit",
    "Lotus",
    "Blue Ocean",
    "Evergreen",
    "Silverline",
    "Sunrise",
    "Royal Crown",
    "Grand Asia",
    "Eastern",
    "Prime",
];

const GARMENT_WORDS: &[(&str, &str)] = &[
    ("Garment", "制衣"),
    ("Apparel", "服装"),
    ("Knitting", "针织"),
    ("Textile", "纺织"),
    ("Fashion", "时装"),
    ("Clothing", "服饰"),
];
const FOOTWEAR_WORDS: &[(&str, &str)] = &[("Footwear", "鞋业"), ("Shoes", "鞋业")];
const BAG_WORDS: &[(&str, &str)] = &[
    ("Bags", "箱包"),
    ("Travel Goods", "旅行用品"),
    ("Leather", "皮具"),
];

/// The way the owners' country shapes the name: the script of the local name and its roots.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NameStyle {
    Chinese,
    Korean,
    Khmer,
    Other,
}

/// A company name in English and, where natural, in its owners' script.
pub fn factory_name(
    rng: &mut impl Rng,
    style: NameStyle,
    product_type: &str,
    number: usize,
) -> (String, Option<String>) {
    let words = match product_type {
        "footwear" => FOOTWEAR_WORDS,
        "travel_goods_and_bags" => BAG_WORDS,
        _ => GARMENT_WORDS,
    };
    let (word_en, word_zh) = *words.choose(rng).expect("word lists are not empty");
    // A running number keeps names unique, like the "II" or "(Factory 2)" of real registers.
    let branch = if number < 1 {
        String::new()
    } else {
        format!(" {}", roman(number + 1))
    };
    match style {
        NameStyle::Chinese => {
            let (root, characters) = *CHINESE.choose(rng).expect("not empty");
            (
                format!("{root} {word_en}{branch} (Cambodia) Co., Ltd."),
                Some(format!("柬埔寨{characters}{word_zh}有限公司")),
            )
        }
        NameStyle::Khmer => {
            let (root, script) = *KHMER.choose(rng).expect("not empty");
            (
                format!("{root} {word_en}{branch} Co., Ltd."),
                Some(format!("ក្រុមហ៊ុន {script}")),
            )
        }
        NameStyle::Korean => {
            let root = *KOREAN.choose(rng).expect("not empty");
            (
                format!("{root} {word_en}{branch} (Cambodia) Co., Ltd."),
                None,
            )
        }
        NameStyle::Other => {
            let root = *OTHER.choose(rng).expect("not empty");
            (format!("{root} {word_en}{branch} (Cambodia) Ltd."), None)
        }
    }
}

fn roman(number: usize) -> String {
    const NUMERALS: [&str; 10] = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"];
    NUMERALS
        .get(number - 1)
        .map(|n| (*n).to_owned())
        .unwrap_or_else(|| number.to_string())
}
