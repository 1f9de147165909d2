# Random numbers: set.seed + runif/rnorm/sample give GNU R's exact values.
#---- runif_basic
set.seed(42)
runif(5)
set.seed(1)
runif(3, min = 10, max = 20)
runif(2, 5, 6)
#---- rnorm_basic
set.seed(42)
rnorm(5)
set.seed(123)
rnorm(3, mean = 100, sd = 15)
#---- seed_reproducible
set.seed(7); a <- runif(3)
set.seed(7); b <- runif(3)
identical(a, b)
#---- sample_permutation
set.seed(1)
sample(5)
sample(10)
#---- sample_size_replace
set.seed(2)
sample(1:100, 5)
sample(3, 10, replace = TRUE)
sample(c("a", "b", "c"), 5, replace = TRUE)
#---- sample_character
set.seed(3)
sample(c("a", "b"))
sample(letters, 4)
#---- sample_prob
set.seed(4)
sample(1:3, 10, replace = TRUE, prob = c(0.7, 0.2, 0.1))
sample(c("x", "y"), 5, replace = TRUE, prob = c(0.9, 0.1))
#---- sample_single_number
set.seed(5)
sample(10, 3)
sample(c(10), 1)
#---- sample_large_error
sample(5, 10) ### "cannot take a sample larger than the population when 'replace = FALSE'"
#---- rnorm_many
set.seed(2024)
x <- rnorm(1000)
round(mean(x), 6)
round(sd(x), 6)
#---- runif_mixed_sequence
set.seed(10)
runif(2)
rnorm(2)
sample(4)
runif(1)
#---- rbinom_rpois
set.seed(11)
rbinom(5, 10, 0.5)
rpois(5, 3)
#---- rnorm_vector_args
set.seed(12)
rnorm(3, mean = c(0, 100, 1000))
runif(3, min = 1:3, max = 2:4)
#---- zero_and_edge
set.seed(13)
runif(0)
rnorm(0)
sample(integer(0))
runif(1, 3, 3)
#---- seed_null_types
set.seed(99)
x <- sample(1:10)
sort(x)
typeof(sample(5))
typeof(sample(c(1.5, 2.5)))
#---- sample_with_replace_large
set.seed(100)
table(sample(1:3, 300, replace = TRUE))
#---- rexp_optional
set.seed(14)
round(rexp(3), 6)
#---- runif_invalid_warns
set.seed(20)
runif(2, 1, 0)
rnorm(2, 0, -1)
#---- sample_prob_no_replace
set.seed(21)
sample(5, 3, prob = c(0.1, 0.2, 0.3, 0.2, 0.2))
sample(c("a", "b", "c"), 2, prob = c(0.5, 0.3, 0.2))
#---- sample_int
set.seed(22)
sample.int(10, 4)
sample.int(3)
sample.int(100, 5, replace = TRUE)
#---- set_seed_large_and_negative
set.seed(-1)
runif(2)
set.seed(2147483647)
runif(2)
set.seed(3.9)
runif(1)
#---- rnorm_long_vector_print
set.seed(23)
rnorm(12)
#---- sample_vector_of_one
set.seed(24)
sample(c(5.5))
sample(list(1, "a", TRUE))
#---- rbinom_rpois_small_parameters
set.seed(5)
rbinom(10, 1, 0.3)
rbinom(5, 20, 0.9)
rpois(8, 0.5)
rpois(5, 9.5)
set.seed(7)
rbinom(3, c(5, 50), c(0.2, 0.7))
rpois(3, c(1, 2, 4))
typeof(rpois(1, 1))
#---- rbinom_invalid
set.seed(8)
rbinom(2, 3, 1.5)
