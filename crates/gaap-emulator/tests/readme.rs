//! The provenance tables of `README.md` say what the built-in catalogue answers: one
//! row per region of `REGIONS`, in its order, with the same values, and the areas
//! and lists as the code has them.

use gaap_emulator::catalogue::{Offers, Region, AREAS, DC, EDGE, LARGE_DC, REGIONS};
use gaap_emulator::language::Language;

const README: &str = include_str!("../README.md");

/// The rows of the table under `heading`, each a list of its cells' first
/// backquoted value (`None` for a cell without one).
fn table(heading: &str) -> Vec<Vec<Option<String>>> {
    let start = README
        .find(&format!("\n{heading}\n"))
        .unwrap_or_else(|| panic!("README.md has no {heading:?}"));
    README[start..]
        .lines()
        .skip_while(|l| !l.starts_with('|'))
        .take_while(|l| l.starts_with('|'))
        .skip(2) // header and separator
        .map(|row| {
            row.trim_matches('|')
                .split(" | ")
                .map(|cell| cell.split('`').nth(1).map(str::to_owned))
                .collect()
        })
        .collect()
}

fn list_name(offers: Offers) -> &'static str {
    match offers {
        o if o == DC => "DC",
        o if o == LARGE_DC => "LARGE_DC",
        o if o == EDGE => "EDGE",
        other => panic!("a list the README does not name: {other:?}"),
    }
}

fn answered(r: &Region) -> Vec<Option<String>> {
    let chinese = r.name.chinese.map(str::to_owned);
    [
        Some(r.id.to_owned()),
        Some(r.area.to_owned()),
        Some(r.name.get(Language::English).to_owned()),
        chinese,
        Some(r.idc_type.to_owned()),
        Some(r.feature_bitmap.to_string()),
        Some(list_name(r.offers).to_owned()),
    ]
    .into()
}

#[test]
fn the_region_table_lists_every_region_as_answered() {
    let rows = table("### Regions");
    let ids: Vec<Option<&str>> = rows.iter().map(|r| r[0].as_deref()).collect();
    let want: Vec<Option<&str>> = REGIONS.iter().map(|r| Some(r.id)).collect();
    assert_eq!(ids, want, "one row per region of REGIONS, in its order");
    for (row, region) in rows.iter().zip(REGIONS) {
        assert_eq!(row, &answered(region), "the row of {}", region.id);
    }
}

#[test]
fn the_area_and_list_tables_match_the_code() {
    let areas = AREAS;
    let rows = table("### Areas");
    let want: Vec<Vec<Option<String>>> = areas
        .iter()
        .map(|a| {
            [a.id, a.name.english, a.name.chinese.unwrap_or("-")]
                .map(|v| Some(v.to_owned()))
                .into()
        })
        .collect();
    assert_eq!(rows, want);
    for region in REGIONS {
        assert!(areas.iter().any(|a| a.id == region.area), "{}", region.id);
    }

    let rows = table("### Lists");
    let lists = [("DC", DC), ("LARGE_DC", LARGE_DC), ("EDGE", EDGE)];
    assert_eq!(rows.len(), lists.len());
    for (row, (name, offers)) in rows.iter().zip(lists) {
        let want = [
            name.to_owned(),
            format!("{:?}", offers.bandwidths),
            format!("{:?}", offers.concurrents),
        ];
        let got: Vec<String> = row[..3]
            .iter()
            .map(|c| c.clone().unwrap_or_default())
            .collect();
        assert_eq!(got, want);
    }
}

/// The price tables say what `price` holds: the list, the tiers and the area factors.
#[test]
fn the_price_tables_match_the_model() {
    use gaap_emulator::price::{
        decimal, AREA_PERCENTS, BANDWIDTH_TIERS, CN2_BANDWIDTH_UNIT_PRICE, CURRENCY,
        DAILY_PRICE_PER_CONCURRENT, DISCOUNT_PERCENT, EDGE_PERCENT, FLOW_UNIT_PRICE,
        NO_UPPER_BOUND, OTHER_AREA_PERCENT,
    };
    let first = |rows: &[Vec<Option<String>>], n: usize| -> Vec<Vec<String>> {
        rows.iter()
            .map(|r| {
                r[..n]
                    .iter()
                    .map(|c| c.clone().unwrap_or_default())
                    .collect()
            })
            .collect()
    };
    let list: Vec<Vec<String>> = [
        decimal(DAILY_PRICE_PER_CONCURRENT),
        decimal(CN2_BANDWIDTH_UNIT_PRICE),
        decimal(FLOW_UNIT_PRICE),
        DISCOUNT_PERCENT.to_string(),
        EDGE_PERCENT.to_string(),
        CURRENCY.to_owned(),
    ]
    .into_iter()
    .map(|v| vec![v])
    .collect();
    let rows = table("### Price list");
    let values: Vec<Vec<String>> = rows
        .iter()
        .map(|r| vec![r[1].clone().unwrap_or_default()])
        .collect();
    assert_eq!(values, list);

    let tiers: Vec<Vec<String>> = BANDWIDTH_TIERS
        .iter()
        .map(|t| {
            vec![
                t.from.to_string(),
                t.to.unwrap_or(NO_UPPER_BOUND).to_string(),
                decimal(t.unit_price),
            ]
        })
        .collect();
    assert_eq!(first(&table("### Bandwidth tiers"), 3), tiers);

    let mut areas: Vec<Vec<String>> = AREA_PERCENTS
        .iter()
        .map(|(area, percent)| vec![area.to_string(), percent.to_string()])
        .collect();
    let rows = table("### Area factors");
    let last = rows.last().expect("rows");
    assert_eq!(
        last[1].as_deref(),
        Some(OTHER_AREA_PERCENT.to_string().as_str())
    );
    areas.push(vec![String::new(), OTHER_AREA_PERCENT.to_string()]);
    assert_eq!(first(&rows, 2), areas);
}
