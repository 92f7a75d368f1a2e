//! A deterministic corpus of generated articles for the search benchmark:
//! English with Zipf-distributed word frequencies (a real frequency-ordered
//! head, topic words such as `social`, `wechat` and `ecommerce` at
//! plausible ranks, and a long tail of made-up words built from
//! consonant-vowel syllables, so no `x` and never `xylophone` or `qzxjv`),
//! paragraphs of 1 to 8 sentences with an occasional multi-kilobyte
//! single-line paragraph, and about 5% Chinese articles. The same seed
//! gives the same corpus; 10,000 articles are about 67 MB.

/// SplitMix64: tiny, fast, and the same on every platform.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in `lo..=hi`.
    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + (self.next_u64() % (hi - lo + 1) as u64) as usize
    }

    /// Uniform in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// The most frequent English words, most frequent first.
const HEAD: &str = "the of and to a in is that for it as was with be by on not he i this are or \
his from at which but have an had they you were their one all we can her has there been if more \
when will would who so no she other its may these what them than some him time into only do \
could new about two first then also any like our over my such out most up even made after very \
many much your me where through should now people well way because just each those how said \
before between both good see same own while last year work make long great used still back use \
must under never three here day world life part might being down without little against too \
know since take get place however found again around every few another small come old users \
last did different system high again must users company market platform product service data \
business mobile internet content media network growth value model online payment app china \
chinese information money price group public large important number users years experience \
development management technology customers traffic brand advertising shopping consumers \
friends community search video news sales strategy industry companies competition";

/// Words of the topic of the bundled articles, inserted at these ranks.
const TOPIC: &[(&str, usize)] = &[
    ("social", 180),
    ("tencent", 700),
    ("alibaba", 900),
    ("wechat", 1200),
    ("taobao", 2200),
    ("weibo", 2600),
    ("alipay", 3000),
    ("ecommerce", 3500),
    ("merchants", 1800),
    ("envelope", 6000),
];

const CHINESE: &str = "的 了 是 在 和 有 也 就 都 而 与 我们 他们 这个 一个 没有 可以 已经 因为 \
所以 但是 如果 用户 平台 微信 社交 支付 电商 腾讯 阿里巴巴 淘宝 市场 公司 手机 互联网 产品 服务 \
数据 商业 朋友 社区 流量 品牌 广告 购物 商家 消费者 红包 视频 新闻 搜索 发展 模式 企业 内容 \
移动 时间 问题 需要 通过 进行 成为 能够 方面 开始 分享 关系 价值 信息 功能 体验 行业 竞争 \
微博 支付宝 朋友圈 小程序 生态 战略 增长 营销 未来 目前 其中 同时 之后 不同 重要 自己 非常";

const ONSETS: &[&str] = &[
    "b", "c", "d", "f", "g", "h", "j", "k", "l", "m", "n", "p", "r", "s", "t", "v", "w", "br",
    "cl", "dr", "fl", "gr", "pl", "st", "tr", "sh", "th", "ch",
];
const VOWELS: &[&str] = &["a", "e", "i", "o", "u", "ai", "ea", "ou", "io"];
const CODAS: &[&str] = &["", "", "", "n", "r", "s", "t", "l", "m", "nd", "st", "ng"];

/// Vocabulary size: head, topic words, then made-up words.
const VOCABULARY: usize = 40_000;
/// Zipf exponent: about 1 for English.
const ZIPF: f64 = 1.0;

/// Word lists and cumulative Zipf weights for sampling.
pub struct Language {
    words: Vec<String>,
    cdf: Vec<f64>,
    chinese: Vec<&'static str>,
    chinese_cdf: Vec<f64>,
}

fn zipf_cdf(n: usize) -> Vec<f64> {
    let mut total = 0.0;
    let mut cdf: Vec<f64> = (1..=n)
        .map(|r| {
            total += 1.0 / (r as f64).powf(ZIPF);
            total
        })
        .collect();
    cdf.iter_mut().for_each(|c| *c /= total);
    cdf
}

impl Language {
    pub fn new(seed: u64) -> Language {
        let mut rng = Rng::new(seed ^ 0x5eed);
        let mut seen = std::collections::HashSet::new();
        let mut words: Vec<String> = Vec::with_capacity(VOCABULARY);
        for w in HEAD.split_whitespace() {
            if seen.insert(w.to_string()) {
                words.push(w.to_string());
            }
        }
        let topic: Vec<&str> = TOPIC.iter().map(|t| t.0).collect();
        while words.len() < VOCABULARY - TOPIC.len() {
            let syllables = rng.range(1, 4);
            let mut w = String::new();
            for _ in 0..syllables {
                w.push_str(ONSETS[rng.range(0, ONSETS.len() - 1)]);
                w.push_str(VOWELS[rng.range(0, VOWELS.len() - 1)]);
            }
            w.push_str(CODAS[rng.range(0, CODAS.len() - 1)]);
            if w.len() >= 3 && !topic.contains(&w.as_str()) && seen.insert(w.clone()) {
                words.push(w);
            }
        }
        for &(w, rank) in TOPIC {
            words.insert(rank.min(words.len()), w.to_string());
        }
        let chinese: Vec<&str> = CHINESE.split_whitespace().collect();
        Language {
            cdf: zipf_cdf(words.len()),
            chinese_cdf: zipf_cdf(chinese.len()),
            words,
            chinese,
        }
    }

    fn word(&self, rng: &mut Rng) -> &str {
        let i = self.cdf.partition_point(|&c| c < rng.unit());
        &self.words[i.min(self.words.len() - 1)]
    }

    fn chinese_word(&self, rng: &mut Rng) -> &str {
        let i = self.chinese_cdf.partition_point(|&c| c < rng.unit());
        self.chinese[i.min(self.chinese.len() - 1)]
    }

    fn english_sentence(&self, rng: &mut Rng, out: &mut String) {
        let words = rng.range(6, 28);
        for k in 0..words {
            let w = self.word(rng);
            if k == 0 {
                let mut chars = w.chars();
                if let Some(first) = chars.next() {
                    out.extend(first.to_uppercase());
                    out.push_str(chars.as_str());
                }
            } else {
                out.push(' ');
                out.push_str(w);
                if k + 1 < words && rng.range(0, 11) == 0 {
                    out.push(',');
                }
            }
        }
        out.push('.');
    }

    fn chinese_sentence(&self, rng: &mut Rng, out: &mut String) {
        let words = rng.range(8, 30);
        for k in 0..words {
            out.push_str(self.chinese_word(rng));
            if k + 1 < words && rng.range(0, 9) == 0 {
                out.push('，');
            }
        }
        out.push('。');
    }

    /// One article: a title line, a blank line, paragraphs separated by
    /// blank lines, each paragraph on one line.
    pub fn article(&self, rng: &mut Rng) -> String {
        let chinese = rng.range(0, 19) == 0;
        let sentence = |rng: &mut Rng, out: &mut String| {
            if chinese {
                self.chinese_sentence(rng, out)
            } else {
                self.english_sentence(rng, out)
            }
        };
        let mut text = String::with_capacity(8192);
        let mut title = String::new();
        sentence(rng, &mut title);
        let title = title.trim_end_matches(['.', '。']);
        let cut = title.char_indices().nth(60).map_or(title.len(), |(i, _)| i);
        text.push_str(&title[..cut]);
        text.push_str("\n\n");
        let paragraphs = rng.range(3, 12);
        for p in 0..paragraphs {
            if p > 0 {
                text.push_str("\n\n");
            }
            // About one paragraph in fifty is a multi-kilobyte single line.
            let sentences = if rng.range(0, 49) == 0 {
                rng.range(40, 100)
            } else {
                rng.range(1, 8)
            };
            for s in 0..sentences {
                if s > 0 && !chinese {
                    text.push(' ');
                }
                sentence(rng, &mut text);
            }
        }
        text.push('\n');
        text
    }
}

/// Generates `count` articles from `seed`, handing each to `sink` in order.
pub fn generate(seed: u64, count: usize, mut sink: impl FnMut(usize, String)) {
    let language = Language::new(seed);
    let mut rng = Rng::new(seed);
    for i in 0..count {
        sink(i, language.article(&mut rng));
    }
}
