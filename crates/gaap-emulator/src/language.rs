//! The language of an answer's names (`RegionName`, `RegionAreaName`), from the
//! `X-TC-Language` header.
//!
//! The API's common parameter `X-TC-Language` takes `zh-CN` or `en-US`; the SDKs and
//! tccli send `zh-CN` unless told otherwise, and `RegionName` is documented as "the
//! region's English or Chinese name" (`RegionDetail`, tencentcloud-sdk-python,
//! `gaap/v20180529/models.py`). What the API answers without the header is not
//! published: the emulator answers as for `zh-CN`, the SDKs' default (modelled), and
//! so for any value other than `en-US` (matched without regard to ASCII case).

/// The header, lowercase as hyper stores header names.
pub const HEADER: &str = "x-tc-language";

/// The language names are answered in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Language {
    /// `en-US`: English names.
    English,
    /// `zh-CN` (and the default): Chinese names where one is published, else English.
    #[default]
    Chinese,
}

impl Language {
    /// The language for a request's `X-TC-Language` value (`None`: no header).
    pub fn from_header(value: Option<&str>) -> Language {
        match value.map(str::trim) {
            Some(v) if v.eq_ignore_ascii_case("en-US") => Language::English,
            _ => Language::Chinese,
        }
    }
}

/// A name in English, and in Chinese where one is published.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Names {
    pub english: &'static str,
    /// `None`: nothing public shows the Chinese name; Chinese answers fall back to
    /// the English one.
    pub chinese: Option<&'static str>,
}

impl Names {
    /// The name to answer in `language`.
    pub fn get(&self, language: Language) -> &'static str {
        match (language, self.chinese) {
            (Language::Chinese, Some(chinese)) => chinese,
            _ => self.english,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_header_picks_the_language() {
        let cases = [
            (Some("en-US"), Language::English),
            (Some("en-us"), Language::English),
            (Some(" en-US "), Language::English),
            (Some("zh-CN"), Language::Chinese),
            (None, Language::Chinese),
            (Some(""), Language::Chinese),
            (Some("fr-FR"), Language::Chinese),
        ];
        for (header, want) in cases {
            assert_eq!(Language::from_header(header), want, "{header:?}");
        }
    }

    #[test]
    fn chinese_falls_back_to_english() {
        let both = Names {
            english: "North China",
            chinese: Some("中国大陆-华北"),
        };
        assert_eq!(both.get(Language::English), "North China");
        assert_eq!(both.get(Language::Chinese), "中国大陆-华北");
        let english_only = Names {
            english: "South China",
            chinese: None,
        };
        assert_eq!(english_only.get(Language::Chinese), "South China");
    }
}
