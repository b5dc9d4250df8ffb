main.T$p.M:
	.cfi_startproc
	test byte ptr [rax], al
	add rax, 8
	jmp main.S$p.M
	.cfi_endproc
	