module torchr

go 1.26
