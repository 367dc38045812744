//! The command line: parses arguments, runs the pipeline, turns errors into
//! messages and exit codes (0 fine, 1 findings over the threshold, 2 error).

mod cmd;

/// mimalloc returns freed memory to the system and fragments less than the
/// system allocator under rayon's threads: a large report's peak memory
/// is the figures kept, not what earlier batches left behind.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "yoy",
    version,
    about = "Checks Chinese government planning documents against each other, year over year"
)]
struct Cli {
    /// Folder with edited copies of the data tables (metrics.toml,
    /// units.toml, cues.toml, config.toml); missing ones use the built-in.
    #[arg(long, global = true, value_name = "DIR")]
    data: Option<PathBuf>,
    /// No progress bar and no notes on stderr; errors only.
    #[arg(long, short, global = true)]
    quiet: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Extract every figure with its provenance (default: seeds/).
    Extract(cmd::extract::Args),
    /// List every numeric expression in text read from stdin, as JSON lines.
    Scan(cmd::scan::Args),
    /// Show the metrics found, or with --unmapped the auto: keys to add to
    /// the dictionary.
    Metrics(cmd::metrics::Args),
    /// Compare years and sources, write the reports (default: seeds/ into
    /// reports/).
    Report(cmd::report::Args),
    /// Print findings and exit 1 when any reaches --fail-on.
    Check(cmd::report::CheckArgs),
    /// Check every figure of a draft against the sources (default:
    /// seeds/); exit 1 when any differs.
    Verify(cmd::verify::Args),
    /// Print the text yoy makes of a document (PDF, DOCX, XLSX, web page,
    /// text in any encoding): the text every span and quote refers to.
    Text(cmd::text::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    cmd::set_quiet(cli.quiet);
    let result = match cli.command {
        Command::Extract(a) => cmd::extract::run(a, cli.data.as_deref()),
        Command::Scan(a) => cmd::scan::run(a, cli.data.as_deref()),
        Command::Metrics(a) => cmd::metrics::run(a, cli.data.as_deref()),
        Command::Report(a) => cmd::report::run(a, cli.data.as_deref()),
        Command::Check(a) => cmd::report::check(a, cli.data.as_deref()),
        Command::Verify(a) => cmd::verify::run(a, cli.data.as_deref()),
        Command::Text(a) => cmd::text::run(a),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(e) if e.is_broken_pipe() => ExitCode::SUCCESS,
        Err(e) => {
            // Errors quote file names and manifest values: control
            // characters in them are made visible.
            eprintln!("yoy: error: {}", yoy::escape::terminal(&e.to_string()));
            ExitCode::from(2)
        }
    }
}
