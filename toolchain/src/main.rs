fn main() {
    std::process::exit(rgo::driver::main());
}
