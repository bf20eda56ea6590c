//! Installs from the local disk: `init -plugin-dir`, and a `filesystem_mirror`
//! packed and unpacked.

use std::path::Path;

use crate::harness::{
    assert_unsigned_install_plans, emulator, filesystem_mirror_config, for_each_terraform,
    init_installs_the_version, install_workspace, tempdir,
};
use crate::install::release::{self, zip_name};

const HOSTNAME: &str = "registry.terraform.io";

/// Writes the release into a mirror folder in one layout.
type WriteMirror<'a> = &'a dyn Fn(&Path);

#[test]
fn init_with_plugin_dir_installs_the_packed_zip_then_plans() {
    let shared = release::shared();
    let emulator = emulator();
    for_each_terraform(|tf| {
        let mut ws = install_workspace(tf, HOSTNAME, "", &emulator);
        let plugins = ws.path().join("plugins");
        crate::install::packed_mirror(&plugins, HOSTNAME, &shared.zip());
        let plugin_dir = format!("-plugin-dir={}", plugins.display());
        init_installs_the_version(&ws, &[&plugin_dir]);
        assert_unsigned_install_plans(&mut ws, HOSTNAME, &emulator);
    });
}

#[test]
fn filesystem_mirror_packed_and_unpacked_install_then_plan() {
    let shared = release::shared();
    let emulator = emulator();
    // (layout, how it is written into the mirror folder)
    let layouts: [(&str, WriteMirror); 2] = [
        ("packed", &|dir| {
            crate::install::packed_mirror(dir, HOSTNAME, &shared.zip())
        }),
        ("unpacked", &|dir| {
            crate::install::unpacked_mirror(dir, HOSTNAME, &shared.dist.join(zip_name()))
        }),
    ];
    for_each_terraform(|tf| {
        for (layout, write) in layouts {
            eprintln!("filesystem_mirror, {layout}");
            let mirror = tempdir();
            write(mirror.path());
            let mut ws = install_workspace(
                tf,
                HOSTNAME,
                &filesystem_mirror_config(mirror.path()),
                &emulator,
            );
            init_installs_the_version(&ws, &[]);
            assert_unsigned_install_plans(&mut ws, HOSTNAME, &emulator);
        }
    });
}
