//! `FeatureBitmap` of `RegionDetail` and `AccessRegionDetial`, decoded. The API
//! documents the bits from the right (bit 1 is the lowest): 1 layer-4 acceleration,
//! 2 layer-7 acceleration, 3 HTTP/3 access, 4 IPv6, 5 premium BGP access, 6
//! three-network (China Telecom, Unicom and Mobile) access, 7 QoS acceleration of the
//! access segment. 0 means unsupported, 1 supported.

/// The documented bits, lowest first: (bit value, name used by the provider).
pub const FEATURE_BITS: [(u64, &str); 7] = [
    (1 << 0, "layer4"),
    (1 << 1, "layer7"),
    (1 << 2, "http3"),
    (1 << 3, "ipv6"),
    (1 << 4, "premium_bgp"),
    (1 << 5, "three_network"),
    (1 << 6, "access_qos"),
];

/// The features of a region, one flag per documented bit. Unknown bits are ignored.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Features {
    pub layer4: bool,
    pub layer7: bool,
    pub http3: bool,
    pub ipv6: bool,
    pub premium_bgp: bool,
    pub three_network: bool,
    pub access_qos: bool,
}

impl Features {
    /// Decodes a bitmap; `None` (the API's `null`) is no feature.
    pub fn from_bitmap(bitmap: Option<u64>) -> Self {
        let b = bitmap.unwrap_or(0);
        let bit = |n: usize| b & FEATURE_BITS[n].0 != 0;
        Features {
            layer4: bit(0),
            layer7: bit(1),
            http3: bit(2),
            ipv6: bit(3),
            premium_bgp: bit(4),
            three_network: bit(5),
            access_qos: bit(6),
        }
    }

    /// (name, flag) in bit order.
    pub fn named(&self) -> [(&'static str, bool); 7] {
        [
            (FEATURE_BITS[0].1, self.layer4),
            (FEATURE_BITS[1].1, self.layer7),
            (FEATURE_BITS[2].1, self.http3),
            (FEATURE_BITS[3].1, self.ipv6),
            (FEATURE_BITS[4].1, self.premium_bgp),
            (FEATURE_BITS[5].1, self.three_network),
            (FEATURE_BITS[6].1, self.access_qos),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bits_decode_from_the_right() {
        let cases: &[(Option<u64>, &[&str])] = &[
            (None, &[]),
            (Some(0), &[]),
            (Some(1), &["layer4"]),
            (Some(2), &["layer7"]),
            (Some(4), &["http3"]),
            (Some(8), &["ipv6"]),
            (Some(16), &["premium_bgp"]),
            (Some(32), &["three_network"]),
            (Some(64), &["access_qos"]),
            (Some(0b1011), &["layer4", "layer7", "ipv6"]),
            (
                Some(0x7f | 0x80),
                &[
                    "layer4",
                    "layer7",
                    "http3",
                    "ipv6",
                    "premium_bgp",
                    "three_network",
                    "access_qos",
                ],
            ),
        ];
        for (bitmap, want) in cases {
            let got: Vec<&str> = Features::from_bitmap(*bitmap)
                .named()
                .iter()
                .filter(|(_, on)| *on)
                .map(|(n, _)| *n)
                .collect();
            assert_eq!(&got, want, "{bitmap:?}");
        }
    }
}
