//! The provenance tables of `README.md` say what the built-in catalogue answers: one
//! row per region of `REGIONS`, in its order, with the same values, and the areas
//! and lists as the code has them.

use gaap_emulator::catalogue::{
    Offers, Region, ASIA, DC, EAST_CHINA, EDGE, EUROPE, LARGE_DC, NORTH_AMERICA, NORTH_CHINA,
    OCEANIA, REGIONS, SOUTHWEST_CHINA, SOUTH_AMERICA, SOUTH_CHINA,
};
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
    let areas = [
        NORTH_CHINA,
        EAST_CHINA,
        SOUTH_CHINA,
        SOUTHWEST_CHINA,
        ASIA,
        EUROPE,
        NORTH_AMERICA,
        SOUTH_AMERICA,
        OCEANIA,
    ];
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
