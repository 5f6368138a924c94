fn main() {
    eprintln!("textanalytics: the server lands with the service shell");
}
