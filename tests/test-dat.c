/* placeholder, replaced by the module's tests */
#include "gmap-test.h"
static void test_dat_placeholder(void **state) { (void)state; assert_true(1); }
int main(void)
{
	const struct CMUnitTest tests[] = { cmocka_unit_test(test_dat_placeholder) };
	return cmocka_run_group_tests(tests, NULL, NULL);
}
