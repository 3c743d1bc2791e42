//! `konigle projects`: named API keys in `~/.konigle/config.json`.

use clap::{Arg, ArgAction, Command};
use serde_json::json;

use crate::app::Registry;
use crate::config::{self, mask, validate_project_name, Project, DEFAULT_BASE_URL};
use crate::error::CliError;

fn name_arg() -> Arg {
    Arg::new("name").value_name("NAME").required(true).help("Project name (lowercase letters, digits, hyphens)")
}

fn name(m: &clap::ArgMatches) -> String {
    m.get_one::<String>("name").cloned().unwrap_or_default()
}

/// Registers the `projects` commands.
pub fn register(reg: &mut Registry) {
    reg.group(&["projects"], "Named projects: API keys and base URLs kept in ~/.konigle/config.json");

    let cmd = Command::new("add")
        .about("Add a project (the first one added becomes active)")
        .arg(name_arg())
        .arg(Arg::new("api-key").long("api-key").required(true).help("The project's API key"))
        .arg(Arg::new("base-url").long("base-url").help("The API's address").default_value(DEFAULT_BASE_URL))
        .arg(Arg::new("activate").long("activate").action(ArgAction::SetTrue).help("Make it the active project"));
    reg.add(&["projects", "add"], cmd, "konigle projects add shop --api-key sk_live_… --activate", |m, ctx| {
        let name = name(m);
        validate_project_name(&name)?;
        let mut file = config::load()?;
        let project = Project {
            api_key: m.get_one::<String>("api-key").cloned().unwrap_or_default(),
            base_url: m.get_one::<String>("base-url").cloned().unwrap_or_else(|| DEFAULT_BASE_URL.into()),
            extra: Default::default(),
        };
        file.projects.insert(name.clone(), project);
        let activate = m.get_flag("activate") || file.active().is_none();
        if activate {
            file.active_project = Some(name.clone());
        }
        config::save(&file)?;
        ctx.out.say(format!("Project '{name}' added"));
        if activate {
            ctx.out.say(format!("Project '{name}' is now active"));
        }
        Ok(())
    });

    let cmd = Command::new("remove").about("Remove a project").arg(name_arg());
    reg.add(&["projects", "remove"], cmd, "konigle projects remove shop", |m, ctx| {
        let name = name(m);
        let mut file = config::load()?;
        if file.projects.remove(&name).is_none() {
            return Err(CliError::config(format!("project '{name}' not found")));
        }
        if file.active_project.as_deref() == Some(&name) {
            file.active_project = None;
        }
        config::save(&file)?;
        ctx.out.say(format!("Project '{name}' removed"));
        Ok(())
    });

    let cmd = Command::new("activate").about("Make a project the active one").arg(name_arg());
    reg.add(&["projects", "activate"], cmd, "konigle projects activate shop", |m, ctx| {
        let name = name(m);
        let mut file = config::load()?;
        if !file.projects.contains_key(&name) {
            return Err(CliError::config(format!("project '{name}' not found")));
        }
        file.active_project = Some(name.clone());
        config::save(&file)?;
        ctx.out.say(format!("Project '{name}' is now active"));
        Ok(())
    });

    let cmd = Command::new("list").about("List the projects (keys masked)");
    reg.add(&["projects", "list"], cmd, "konigle projects list", |_, ctx| {
        let file = config::load()?;
        let active = file.active().map(|(n, _)| n.to_string());
        let rows: Vec<_> = file
            .projects
            .iter()
            .map(|(n, p)| {
                json!({"name": n, "active": active.as_deref() == Some(n.as_str()), "base_url": p.base_url, "api_key": mask(&p.api_key)})
            })
            .collect();
        ctx.out.print_list(
            &rows,
            &[("NAME", "name"), ("ACTIVE", "active"), ("BASE URL", "base_url"), ("API KEY", "api_key")],
            "No projects configured. Add one with `konigle projects add NAME --api-key KEY`.",
        )
    });

    let cmd = Command::new("current").about("Show the active project (key masked)");
    reg.add(&["projects", "current"], cmd, "konigle projects current", |_, ctx| {
        let file = config::load()?;
        match file.active() {
            Some((n, p)) => ctx.out.print_one(&json!({"name": n, "base_url": p.base_url, "api_key": mask(&p.api_key)})),
            None if file.active_project.is_some() => Err(CliError::config(
                "the active project is not in the config file; run `konigle projects activate NAME`",
            )),
            None => {
                if ctx.out.json() {
                    ctx.out.print_json(&serde_json::Value::Null)
                } else {
                    println!("No active project set");
                    Ok(())
                }
            }
        }
    });
}
